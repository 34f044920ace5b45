package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records each minibatch's loss and gradient norm while {@code fit} trains, without computing anything twice:
 * Deeplearning4j's optimizer ({@code BaseOptimizer.gradientAndScore}) calls {@link #onGradientCalculation} right after
 * {@code computeGradientAndScore} and before the updater touches the gradient in place, so {@code model.score()} is
 * the batch's loss and {@code model.gradient()} the raw gradient at the parameters the batch was evaluated at.
 * <ul>
 *   <li>The score is the batch's mean loss plus the regularisation penalty, which is subtracted (the network has none,
 *       so it is 0, but the measure stays the loss if one is added).</li>
 *   <li>The raw gradient is that of the batch's <em>summed</em> loss: Deeplearning4j 1.0.0-M2.1's updater
 *       ({@code BaseMultiLayerUpdater.update}) first divides it by the minibatch size ({@code divideByMinibatch}), then
 *       clips it if configured, then applies Adam. The recorded norm is divided by the minibatch size likewise, so it
 *       is the norm of the gradient of the mean loss that is recorded, the gradient of the recorded loss.</li>
 *   <li>For a sequence-to-sequence output both are further divided by the steps per sample (see
 *       {@link #scoredStepsPerSample}), so the loss is the mean squared error per component and step.</li>
 * </ul>
 * Cost per minibatch: one L2 norm over the P parameters, O(P). Not thread-safe: one per training thread.
 */
final class MinibatchRecorder extends BaseTrainingListener {

    private int batches;
    private double lossSum;
    private double maxLoss = Double.NEGATIVE_INFINITY;
    private double gradientNormSum;
    private double maxGradientNorm = Double.NEGATIVE_INFINITY;

    @Override
    public void onGradientCalculation(Model model) {
        MultiLayerNetwork network = (MultiLayerNetwork) model;
        double steps = scoredStepsPerSample(network);
        double loss = (network.score() - network.calcRegularizationScore(true)) / steps;
        double gradientNorm = network.gradient().gradient().norm2Number().doubleValue() / network.batchSize() / steps;
        batches++;
        lossSum += loss;
        maxLoss = Math.max(maxLoss, loss);
        gradientNormSum += gradientNorm;
        maxGradientNorm = Math.max(maxGradientNorm, gradientNorm);
    }

    /**
     * 1 for a classifier; for a sequence-to-sequence output (forecasting) the steps per sample, because
     * Deeplearning4j's {@code RnnOutputLayer} sums the per-step losses of a sample (dividing by the minibatch size
     * only), while the recorded loss is the mean per step, the measure the evaluation reports.
     */
    private static double scoredStepsPerSample(MultiLayerNetwork network) {
        INDArray labels = network.getLabels();
        return labels != null && labels.rank() == 3 ? labels.size(2) : 1;
    }

    /** The statistics of the minibatches recorded so far; at least one must have been trained. */
    EpochStatistics statistics() {
        if (batches == 0) {
            throw new IllegalStateException("No minibatch was trained");
        }
        return new EpochStatistics(batches, lossSum / batches, maxLoss, gradientNormSum / batches, maxGradientNorm);
    }
}
