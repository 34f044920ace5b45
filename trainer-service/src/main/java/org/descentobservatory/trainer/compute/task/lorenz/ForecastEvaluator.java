package org.descentobservatory.trainer.compute.task.lorenz;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Measures a forecasting network on a whole split from {@code network.output(x, false)} (inference mode, teacher
 * forced: every step sees the true state), in chunks of {@value #CHUNK} windows: the mean squared error over every
 * component, step and window, in standardised units. Accuracy and the wrong-sample loss have no meaning here and are
 * null. Cost: one forward pass over the split.
 */
public final class ForecastEvaluator {

    private static final int CHUNK = 256;

    private ForecastEvaluator() {
    }

    public static SplitMetrics evaluate(MultiLayerNetwork network, LorenzWindows split) {
        int[] rows = new int[split.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        double sum = 0;
        long elements = 0;
        for (int from = 0; from < rows.length; from += CHUNK) {
            DataSet chunk = split.minibatch(rows, from, Math.min(from + CHUNK, rows.length));
            INDArray forecast = network.output(chunk.getFeatures(), false);
            sum += forecast.squaredDistance(chunk.getLabels());
            elements += chunk.getLabels().length();
        }
        return new SplitMetrics(sum / elements, null, null);
    }
}
