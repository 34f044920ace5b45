package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Backpropagation through time of the sequences [start, end) of a minibatch (one thread's share, on disjoint rows of
 * the shared {@link LstmBuffers}, as {@link ForwardRecurrence}). From step T−1 down to the first step it turns
 * ∂L/∂h_t (the loss's direct part, plus δz_{t+1}·RWᵀ carried from the later step) into the pre-activation gradients
 * <pre>
 * δc = ∂L/∂h_t ∘ o ∘ (1 − tanh²(c_t)) + δc_{t+1} ∘ f_{t+1}
 * δz_g = δc ∘ i ∘ (1 − g²),   δz_f = δc ∘ c_{t−1} ∘ f(1 − f)
 * δz_o = ∂L/∂h_t ∘ tanh(c_t) ∘ o(1 − o),   δz_i = δc ∘ g ∘ i(1 − i)
 * </pre>
 * written over z_t in {@code products}, and sums them over rows into its share of ∂L/∂b (in double). The weight
 * gradients and ∂L/∂x are products over all rows afterwards ({@link GradientProducts}). Cost per step: 2·m'·4H·H
 * flops (δz_t·RWᵀ) plus O(m'·H).
 */
final class BackwardRecurrence {

    private final LstmWeights weights;
    private final LstmBuffers buffers;
    private final int start;
    private final int size;
    private final float[] stepDeltas;
    private final FloatBuffer stepHidden;
    /** δz_{t+1}·RWᵀ of the share's rows: the part of ∂L/∂h_t that flows back through the recurrence. */
    private final float[] recurrentGradient;
    /** δc_{t+1} ∘ f_{t+1} of the share's rows. */
    private final float[] cellGradient;
    /** Σ over the share's rows and steps of δz, [4H]. */
    final double[] biasGradient;

    BackwardRecurrence(LstmWeights weights, LstmBuffers buffers, int start, int end) {
        this.weights = weights;
        this.buffers = buffers;
        this.start = start;
        this.size = end - start;
        this.stepDeltas = new float[size * weights.gateWidth];
        this.stepHidden = LstmBuffers.floats(size * weights.hiddenSize);
        this.recurrentGradient = new float[size * weights.hiddenSize];
        this.cellGradient = new float[size * weights.hiddenSize];
        this.biasGradient = new double[weights.gateWidth];
    }

    /**
     * Runs steps T−1 … {@code firstStep}; {@code outputGradient} holds ∂L/∂h_t [T·m, H] time-major (the loss's direct
     * dependence on each output).
     */
    void run(float[] outputGradient, int firstStep) {
        int m = buffers.batch;
        int h = weights.hiddenSize;
        int gateWidth = weights.gateWidth;
        FloatBuffer rw = weights.recurrent();
        Arrays.fill(recurrentGradient, 0f);
        Arrays.fill(cellGradient, 0f);
        Arrays.fill(biasGradient, 0.0);
        for (int t = buffers.steps - 1; t >= firstStep; t--) {
            int row = t * m + start;
            stepDeltas(row, outputGradient);
            FloatBuffer deltas = LstmBuffers.rows(buffers.products, gateWidth, row, row + size);
            deltas.put(stepDeltas, 0, size * gateWidth).clear();
            if (t > firstStep) {
                stepHidden.clear();
                Sgemm.multiply(false, true, size, h, gateWidth, deltas, rw, 0f, stepHidden);
                stepHidden.clear();
                stepHidden.get(recurrentGradient, 0, size * h);
            }
        }
    }

    /** δz of the share's rows r = row … row + m' − 1 into stepDeltas; carries δc; adds δz to the bias gradient. */
    private void stepDeltas(int row, float[] outputGradient) {
        int h = weights.hiddenSize;
        int gateWidth = weights.gateWidth;
        float[] gates = buffers.gates;
        float[] cells = buffers.cells;
        float[] cellTanh = buffers.cellTanh;
        for (int b = 0; b < size; b++) {
            int gate = (row + b) * gateWidth;
            int cell = (row + b) * h;
            int out = b * gateWidth;
            int state = b * h;
            for (int j = 0; j < h; j++) {
                float dh = outputGradient[cell + j] + recurrentGradient[state + j];
                float g = gates[gate + j];
                float f = gates[gate + h + j];
                float o = gates[gate + 2 * h + j];
                float i = gates[gate + 3 * h + j];
                float tc = cellTanh[cell + j];
                float dc = dh * o * (1f - tc * tc) + cellGradient[state + j];
                cellGradient[state + j] = dc * f;
                stepDeltas[out + j] = dc * i * (1f - g * g);
                stepDeltas[out + h + j] = dc * cells[cell + j] * f * (1f - f);
                stepDeltas[out + 2 * h + j] = dh * tc * o * (1f - o);
                stepDeltas[out + 3 * h + j] = dc * g * i * (1f - i);
            }
            for (int k = 0; k < gateWidth; k++) {
                biasGradient[k] += stepDeltas[out + k];
            }
        }
    }
}
