package org.descentobservatory.dashboard.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One epoch of a run: what its checkpoint measured joined with what its analysis found. A row exists as soon as
 * either event arrived, so the checkpoint fields are null until the checkpoint is seen and the analysis fields are
 * null until the epoch is analysed.
 *
 * @param epoch              1-based epoch number
 * @param trainLoss          mean binary cross-entropy over the training split
 * @param testLoss           mean binary cross-entropy over the test split
 * @param testAccuracy       share of test reviews classified correctly
 * @param wrongTestLoss      mean binary cross-entropy over the wrongly classified test reviews only; null until the
 *                           checkpoint is seen, and also when every test review was classified correctly
 * @param meanBatchLoss      mean of the epoch's minibatch training losses (as computed while training)
 * @param maxBatchLoss       largest minibatch training loss of the epoch
 * @param meanGradientNorm   mean L2 norm of the epoch's minibatch gradients (before the updater)
 * @param maxGradientNorm    largest minibatch gradient L2 norm of the epoch
 * @param weightNorms        L2 norm of every parameter array after the epoch, keyed by Deeplearning4j parameter key
 *                           ({@code 0_W}, {@code 1_W}, {@code 1_RW}, …)
 * @param wallTimeMs         wall-clock time of the epoch (training, evaluation, storing)
 * @param asymptoticDistance D̃, the paper's mean log distance of perturbed trajectories at step T
 * @param chaoticFraction    share of probes whose distance stayed above the floor
 * @param largestLyapunovExponent λ₁ of the zero-input map, per map step, mean over the Lyapunov probes: &lt; 0 order,
 *                           &gt; 0 chaos
 * @param lyapunovStandardError standard error of λ₁ over probes; null until analysed, and also when one probe was used
 * @param phase              order, edge or chaos: the analyzer's label, or, when it gave none, chaos if D̃ &gt; −14
 *                           and order otherwise ({@link org.descentobservatory.dashboard.domain.descent.Phase});
 *                           null until analysed
 * @param phaseLabelledByAnalyzer true when {@code phase} is the analyzer's label, false when derived from D̃; null
 *                           until analysed
 * @param analysedAt         when the analysis finished; null until analysed
 */
public record TimelineRow(
        int epoch,
        Double trainLoss,
        Double testLoss,
        Double testAccuracy,
        Double wrongTestLoss,
        Double meanBatchLoss,
        Double maxBatchLoss,
        Double meanGradientNorm,
        Double maxGradientNorm,
        Map<String, Double> weightNorms,
        Long wallTimeMs,
        Double asymptoticDistance,
        Double chaoticFraction,
        Double largestLyapunovExponent,
        Double lyapunovStandardError,
        String phase,
        Boolean phaseLabelledByAnalyzer,
        Instant analysedAt) {
}
