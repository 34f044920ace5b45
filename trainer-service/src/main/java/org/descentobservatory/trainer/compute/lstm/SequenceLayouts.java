package org.descentobservatory.trainer.compute.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Converts between Deeplearning4j's recurrent layout, [m, n, T] arrays (NCW; 'f' order for what the stock layer hands
 * on: each step's [m, n] block contiguous, column-major) and the kernel's time-major rows [T·m, n] (row t·m + b is
 * sequence b at step t), in plain Java loops over arrays (an ND4J permute-and-copy costs tens of µs per call and a
 * strided copy per element). Reuses its scratch arrays, so results are valid until the next call. Cost: O(m·n·T).
 */
final class SequenceLayouts {

    private float[] source = new float[0];
    private float[] timeMajor = new float[0];
    private float[] stock = new float[0];

    /**
     * The sequences [from, to) of the [m, n, T] array {@code array} (any order and strides) as time-major rows
     * [T·(to − from), n], in a scratch array (its first T·(to − from)·n entries).
     */
    float[] toTimeMajor(INDArray array, int from, int to) {
        // A permuted array (the embedding's output is one) is read through its strides; another view is copied first.
        INDArray dense = array.offset() == 0 && array.data().length() == array.length() ? array : array.dup('f');
        int m = (int) dense.size(0);
        int n = (int) dense.size(1);
        int steps = (int) dense.size(2);
        int length = m * n * steps;
        source = atLeast(source, length);
        dense.data().asNioFloat().get(source, 0, length);
        int sequences = to - from;
        timeMajor = atLeast(timeMajor, steps * sequences * n);
        // Element (b, j, t) lies at b·s₀ + j·s₁ + t·s₂.
        long[] stride = dense.stride();
        for (int t = 0; t < steps; t++) {
            for (int b = from; b < to; b++) {
                int row = (t * sequences + b - from) * n;
                long at = t * stride[2] + b * stride[0];
                for (int j = 0; j < n; j++) {
                    timeMajor[row + j] = source[(int) (at + j * stride[1])];
                }
            }
        }
        return timeMajor;
    }

    /**
     * Starts a [m, n, T] array in 'f' order, filled by {@link #addTimeMajor} and read by {@link #stock}: a scratch
     * array of m·n·T entries.
     */
    void startStock(int m, int n, int steps) {
        stock = atLeast(stock, m * n * steps);
    }

    /**
     * Writes time-major rows [T·(to − from), n] of the sequences [from, to) of an m-sequence batch into the stock
     * array started by {@link #startStock}.
     */
    void addTimeMajor(FloatBuffer rows, int m, int from, int to, int n, int steps) {
        int sequences = to - from;
        int length = steps * sequences * n;
        timeMajor = atLeast(timeMajor, length);
        rows.duplicate().get(timeMajor, 0, length);
        for (int t = 0; t < steps; t++) {
            int block = t * m * n;
            for (int b = from; b < to; b++) {
                int row = (t * sequences + b - from) * n;
                for (int j = 0; j < n; j++) {
                    stock[block + j * m + b] = timeMajor[row + j];
                }
            }
        }
    }

    /** The stock array built by {@link #startStock} and {@link #addTimeMajor} (its first m·n·T entries). */
    float[] stock() {
        return stock;
    }

    private static float[] atLeast(float[] array, int length) {
        return array.length >= length ? array : new float[length];
    }
}
