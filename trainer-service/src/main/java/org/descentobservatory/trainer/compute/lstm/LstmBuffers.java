package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The sequence-shaped buffers of one {@link LstmKernel} for a minibatch of m sequences of T steps: what the forward
 * pass keeps for BPTT and what BPTT produces. Every buffer is time-major and row-major, row t·m + b holding sequence b
 * at step t. Buffers are allocated for the largest shape seen and reused; those that are {@link Sgemm} operands are
 * direct. Footprint: T·m·(2E + 8H + 2H) floats plus two state blocks (≈ 80 MB for T = 500, m = 32, E = 32, H = 60).
 */
final class LstmBuffers {

    private final int inputSize;
    private final int hiddenSize;
    private final int gateWidth;
    private int capacityRows;
    private int capacityBatch;

    /** T and m of the current minibatch. */
    int steps;
    int batch;
    /** [T·m, E] the inputs x_t. */
    FloatBuffer inputs;
    /** [T·m, 4H] z_t − b (x_t·W + h_{t−1}·RW), then δz_t in BPTT. */
    FloatBuffer products;
    /** [(T + 1)·m, H]: row block t is h_{t−1} (block 0 the initial state), so block t + 1 is the output h_t. */
    FloatBuffer hidden;
    /** [T·m, 4H] gate activations g, f, o, i. */
    float[] gates;
    /** [(T + 1)·m, H]: row block t is c_{t−1}. */
    float[] cells;
    /** [T·m, H] tanh(c_t). */
    float[] cellTanh;
    /** [T·m, E] ∂L/∂x_t. */
    FloatBuffer inputGradients;

    LstmBuffers(int inputSize, int hiddenSize) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateWidth = 4 * hiddenSize;
    }

    /** Makes room for {@code steps} steps of {@code batch} sequences (contents undefined after a reallocation). */
    void resize(int steps, int batch) {
        this.steps = steps;
        this.batch = batch;
        int rows = steps * batch;
        if (rows > capacityRows || batch > capacityBatch) {
            capacityRows = Math.max(rows, capacityRows);
            capacityBatch = Math.max(batch, capacityBatch);
            inputs = floats(capacityRows * inputSize);
            products = floats(capacityRows * gateWidth);
            hidden = floats((capacityRows + capacityBatch) * hiddenSize);
            gates = new float[capacityRows * gateWidth];
            cells = new float[(capacityRows + capacityBatch) * hiddenSize];
            cellTanh = new float[capacityRows * hiddenSize];
            inputGradients = floats(capacityRows * inputSize);
        }
    }

    /** The rows [from, to) of a [rows, width] buffer, as a buffer of their own starting at position 0. */
    static FloatBuffer rows(FloatBuffer buffer, int width, int from, int to) {
        return buffer.duplicate().limit(to * width).position(from * width).slice();
    }

    /** A direct, native-order float buffer of {@code size} elements (at least one). */
    static FloatBuffer floats(int size) {
        return ByteBuffer.allocateDirect(Math.max(size, 1) * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }
}
