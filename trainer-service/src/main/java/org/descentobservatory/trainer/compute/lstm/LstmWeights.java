package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.FloatBuffer;

/**
 * The LSTM layer's parameters as the kernel uses them: W [E, 4H] and RW [H, 4H] row-major in direct buffers (operands
 * of {@link Sgemm}), b [4H] in an array; column blocks (g, f, o, i), Deeplearning4j's order.
 */
final class LstmWeights {

    final int inputSize;
    final int hiddenSize;
    final int gateWidth;
    private final FloatBuffer input;
    private final FloatBuffer recurrent;
    final float[] bias;

    LstmWeights(int inputSize, int hiddenSize) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateWidth = 4 * hiddenSize;
        this.input = LstmBuffers.floats(inputSize * gateWidth);
        this.recurrent = LstmBuffers.floats(hiddenSize * gateWidth);
        this.bias = new float[gateWidth];
    }

    /** Copies W [E, 4H] and RW [H, 4H] row-major, and b [4H]. */
    void set(float[] w, float[] rw, float[] b) {
        input.clear();
        input.put(w).clear();
        recurrent.clear();
        recurrent.put(rw).clear();
        System.arraycopy(b, 0, bias, 0, gateWidth);
    }

    /** W, from its first element (a view of its own: callers on other threads may move its position). */
    FloatBuffer input() {
        return input.duplicate().clear();
    }

    /** RW, from its first element (a view of its own). */
    FloatBuffer recurrent() {
        return recurrent.duplicate().clear();
    }
}
