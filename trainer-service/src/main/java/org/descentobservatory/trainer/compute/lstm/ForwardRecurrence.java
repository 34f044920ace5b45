package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.FloatBuffer;

/**
 * The forward recurrence of the sequences [start, end) of a minibatch, steps 0 … T−1 (one thread's share; the
 * sequences are independent through the recurrence, so shares run in parallel on disjoint rows of the shared
 * {@link LstmBuffers}). Given {@code products} = x_t·W for every row, step t adds h_{t−1}·RW (one OpenBLAS product,
 * [m', H]·[H, 4H]) and evaluates the cell:
 * <pre>
 * g = tanh(z_g), f = σ(z_f), o = σ(z_o), i = σ(z_i)      z = x_t·W + h_{t−1}·RW + b
 * c_t = f∘c_{t−1} + i∘g,   h_t = o∘tanh(c_t)
 * </pre>
 * keeping the gate activations, c_t, tanh(c_t) and h_t for BPTT. Cost per step: 2·m'·H·4H flops plus 5·m'·H
 * activations ({@link Activations}).
 */
final class ForwardRecurrence {

    private final LstmWeights weights;
    private final LstmBuffers buffers;
    private final int start;
    private final int size;
    /** z_t − b of the share's rows at the current step, then z_t, then the gate activations, [m', 4H]. */
    private final float[] stepGates;
    /** c_t, tanh(c_t) and h_t of the share's rows at the current step, [m', H] each. */
    private final float[] stepCells;
    private final float[] stepCellTanh;
    private final float[] stepHidden;

    ForwardRecurrence(LstmWeights weights, LstmBuffers buffers, int start, int end) {
        this.weights = weights;
        this.buffers = buffers;
        this.start = start;
        this.size = end - start;
        this.stepGates = new float[size * weights.gateWidth];
        this.stepCells = new float[size * weights.hiddenSize];
        this.stepCellTanh = new float[size * weights.hiddenSize];
        this.stepHidden = new float[size * weights.hiddenSize];
    }

    /**
     * Runs all steps; {@code buffers} must hold x_t·W in {@code products}, h_{−1} and c_{−1} in block 0 of
     * {@code hidden} and {@code cells}. {@code zeroStart}: h_{−1} = 0, so step 0 needs no recurrent product.
     */
    void run(boolean zeroStart) {
        int m = buffers.batch;
        int h = weights.hiddenSize;
        int gateWidth = weights.gateWidth;
        FloatBuffer rw = weights.recurrent();
        for (int t = 0; t < buffers.steps; t++) {
            int row = t * m + start;
            FloatBuffer z = LstmBuffers.rows(buffers.products, gateWidth, row, row + size);
            if (t > 0 || !zeroStart) {
                Sgemm.multiply(false, false, size, gateWidth, h,
                        LstmBuffers.rows(buffers.hidden, h, row, row + size), rw, 1f, z);
            }
            z.get(stepGates, 0, size * gateWidth);
            cellStep(row, m);
            LstmBuffers.rows(buffers.hidden, h, row + m, row + m + size).put(stepHidden, 0, size * h);
        }
    }

    /**
     * The cell at the share's rows r = row … row + m' − 1: gate activations, c_t, tanh(c_t) into {@code buffers},
     * h_t into stepHidden. Written as short loops over one or two arrays at one offset each, each pass over the
     * step's scratch and then one copy into the shared buffers: the JIT vectorises such loops (with the gate and cell
     * buffers indexed at several offsets in one loop it did not, and the activations took 3–4× longer).
     */
    private void cellStep(int row, int m) {
        int h = weights.hiddenSize;
        int gateWidth = weights.gateWidth;
        float[] bias = weights.bias;
        float[] cells = buffers.cells;
        for (int b = 0; b < size; b++) {
            int in = b * gateWidth;
            for (int k = 0; k < gateWidth; k++) {
                stepGates[in + k] += bias[k];
            }
            for (int k = in; k < in + h; k++) {
                stepGates[k] = Activations.tanh(stepGates[k]);
            }
            for (int k = in + h; k < in + gateWidth; k++) {
                stepGates[k] = Activations.sigmoid(stepGates[k]);
            }
            int previous = (row + b) * h;
            int out = b * h;
            for (int j = 0; j < h; j++) {
                stepCells[out + j] = stepGates[in + h + j] * cells[previous + j]
                        + stepGates[in + 3 * h + j] * stepGates[in + j];
            }
            for (int j = 0; j < h; j++) {
                stepCellTanh[out + j] = Activations.tanh(stepCells[out + j]);
            }
            for (int j = 0; j < h; j++) {
                stepHidden[out + j] = stepGates[in + 2 * h + j] * stepCellTanh[out + j];
            }
        }
        System.arraycopy(stepGates, 0, buffers.gates, row * gateWidth, size * gateWidth);
        System.arraycopy(stepCells, 0, cells, (row + m) * h, size * h);
        System.arraycopy(stepCellTanh, 0, buffers.cellTanh, row * h, size * h);
    }
}
