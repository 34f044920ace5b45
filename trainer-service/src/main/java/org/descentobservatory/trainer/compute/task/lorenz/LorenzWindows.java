package org.descentobservatory.trainer.compute.task.lorenz;

import org.descentobservatory.networks.ForecastNetworkFactory;
import org.descentobservatory.trainer.compute.MinibatchSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Consecutive, non-overlapping windows of L steps over a standardised trajectory {@code states[s][d]}: window i takes
 * the inputs x_t for t = iL … iL + L − 1 and, at every step, the target x_{t+1} (sequence to sequence), so
 * {@code states} holds n·L + 1 samples for n windows.
 */
public final class LorenzWindows implements MinibatchSource {

    private static final int D = ForecastNetworkFactory.DIMENSION;

    private final double[][] states;
    private final int length;
    private final int count;

    /**
     * @param states standardised samples, at least {@code count · length + 1} of them
     * @param length L, steps per window
     * @param count  n, windows
     */
    public LorenzWindows(double[][] states, int length, int count) {
        if (length < 1 || count < 1 || states.length < (long) count * length + 1) {
            throw new IllegalArgumentException(count + " windows of " + length + " steps need "
                    + ((long) count * length + 1) + " samples, got " + states.length);
        }
        this.states = states;
        this.length = length;
        this.count = count;
    }

    @Override
    public int size() {
        return count;
    }

    public int length() {
        return length;
    }

    /** Inputs [b, D, L] and targets [b, D, L] of the windows {@code rows[from..to)}, FLOAT. */
    @Override
    public DataSet minibatch(int[] rows, int from, int to) {
        int batch = to - from;
        float[] inputs = new float[batch * D * length];
        float[] targets = new float[batch * D * length];
        for (int b = 0; b < batch; b++) {
            int start = rows[from + b] * length;
            for (int d = 0; d < D; d++) {
                int offset = (b * D + d) * length;
                for (int t = 0; t < length; t++) {
                    inputs[offset + t] = (float) states[start + t][d];
                    targets[offset + t] = (float) states[start + t + 1][d];
                }
            }
        }
        long[] shape = {batch, D, length};
        return new DataSet(Nd4j.create(inputs, shape, DataType.FLOAT), Nd4j.create(targets, shape, DataType.FLOAT));
    }

    /** The first {@code probes} windows' inputs as {@code [probe][step][d]}, for the analyzer's probe set. */
    public double[][][] inputs(int probes) {
        if (probes > count) {
            throw new IllegalArgumentException("Asked for " + probes + " of " + count + " windows");
        }
        double[][][] out = new double[probes][length][];
        for (int i = 0; i < probes; i++) {
            for (int t = 0; t < length; t++) {
                out[i][t] = states[i * length + t].clone();
            }
        }
        return out;
    }

    /**
     * The mean squared error of persistence, the forecast x̂_{t+1} = x_t, over every component and step of every
     * window: the baseline a forecaster must beat. Cost: O(n · L · D).
     */
    public double persistenceMse() {
        double sum = 0;
        for (int s = 0; s < count * length; s++) {
            for (int d = 0; d < D; d++) {
                double change = states[s + 1][d] - states[s][d];
                sum += change * change;
            }
        }
        return sum / ((double) count * length * D);
    }
}
