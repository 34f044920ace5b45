package org.descentobservatory.trainer.compute;

/**
 * Training-instability signals of one epoch, over its minibatches as they were trained: loss spikes and gradient-norm
 * bursts, the signature of the "slingshot" instability of adaptive optimizers (Thilak et al., 2022).
 *
 * @param batches          number of minibatches (Adam steps) in the epoch, ≥ 1
 * @param meanBatchLoss    mean of the minibatch losses; each is the batch's mean binary cross-entropy at the
 *                         parameters before its step, as Deeplearning4j computed it for the gradient (its XENT clips
 *                         probabilities slightly differently from {@link BinaryCrossEntropy}), without regularisation
 * @param maxBatchLoss     the largest minibatch loss
 * @param meanGradientNorm mean of the minibatch gradient L2 norms; each is the norm of the full gradient of the batch's
 *                         mean loss over all parameters, before the updater clips it (if the spec asks for
 *                         gradient clipping) and turns it into the Adam step
 * @param maxGradientNorm  the largest minibatch gradient norm
 */
public record EpochStatistics(int batches, double meanBatchLoss, double maxBatchLoss, double meanGradientNorm,
                              double maxGradientNorm) {

    /**
     * The statistics over this epoch's minibatches and {@code later}'s together (means weighted by batch counts,
     * maxima of the maxima): what a checkpoint stored every k epochs reports, so that no spike between two
     * checkpoints goes unseen.
     */
    public EpochStatistics and(EpochStatistics later) {
        int total = batches + later.batches;
        return new EpochStatistics(total,
                (meanBatchLoss * batches + later.meanBatchLoss * later.batches) / total,
                Math.max(maxBatchLoss, later.maxBatchLoss),
                (meanGradientNorm * batches + later.meanGradientNorm * later.batches) / total,
                Math.max(maxGradientNorm, later.maxGradientNorm));
    }
}
