package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.FloatBuffer;

/**
 * The products over all rows that finish BPTT, for one contiguous range of rows (one thread's part; the parts' weight
 * gradients are summed by {@link #addTo}):
 * <pre>
 * ∂L/∂W += X[rows]ᵀ·δZ[rows]      ∂L/∂RW += H_prev[rows]ᵀ·δZ[rows]      ∂L/∂X[rows] = δZ[rows]·Wᵀ
 * </pre>
 * where row r of H_prev is h_{t−1} of row r's sequence (the {@code hidden} buffer shifted by one step). Cost:
 * 2·rows·4H·(2E + H) flops in three OpenBLAS products.
 */
final class GradientProducts {

    private final LstmWeights weights;
    private final LstmBuffers buffers;
    /** This part's ∂L/∂W [E, 4H] and ∂L/∂RW [H, 4H], row-major. */
    final FloatBuffer inputWeightGradient;
    final FloatBuffer recurrentWeightGradient;

    GradientProducts(LstmWeights weights, LstmBuffers buffers) {
        this.weights = weights;
        this.buffers = buffers;
        this.inputWeightGradient = LstmBuffers.floats(weights.inputSize * weights.gateWidth);
        this.recurrentWeightGradient = LstmBuffers.floats(weights.hiddenSize * weights.gateWidth);
    }

    /** Computes this part's weight gradients and ∂L/∂x of the rows [from, to) (from &lt; to). */
    void run(int from, int to) {
        int e = weights.inputSize;
        int h = weights.hiddenSize;
        int gateWidth = weights.gateWidth;
        int rows = to - from;
        FloatBuffer deltas = LstmBuffers.rows(buffers.products, gateWidth, from, to);
        inputWeightGradient.clear();
        recurrentWeightGradient.clear();
        Sgemm.multiply(true, false, e, gateWidth, rows, LstmBuffers.rows(buffers.inputs, e, from, to), deltas, 0f,
                inputWeightGradient);
        Sgemm.multiply(true, false, h, gateWidth, rows, LstmBuffers.rows(buffers.hidden, h, from, to), deltas, 0f,
                recurrentWeightGradient);
        Sgemm.multiply(false, true, rows, e, gateWidth, deltas, weights.input(), 0f,
                LstmBuffers.rows(buffers.inputGradients, e, from, to));
    }

    /** Adds this part's weight gradients to {@code total}'s. */
    void addTo(GradientProducts total) {
        add(inputWeightGradient, total.inputWeightGradient);
        add(recurrentWeightGradient, total.recurrentWeightGradient);
    }

    private static void add(FloatBuffer part, FloatBuffer total) {
        for (int k = 0; k < part.capacity(); k++) {
            total.put(k, total.get(k) + part.get(k));
        }
    }
}
