package org.descentobservatory.trainer.compute.lstm;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's results do not depend on its thread count (its split into shares and parts is fixed), bit for bit:
 * a run resumed on a replica with another {@code lstm-threads} continues exactly as it would have.
 */
class LstmKernelTest {

    private static final int E = 5;
    private static final int H = 7;
    private static final int STEPS = 9;
    private static final int BATCH = 5;

    @Test
    void resultsAreTheSameBitForBitOnAnyNumberOfThreads() {
        float[][] reference = run(1);
        for (int threads : new int[] {2, 3}) {
            float[][] results = run(threads);
            for (int k = 0; k < reference.length; k++) {
                assertThat(results[k]).as("result %d on %d threads", k, threads).containsExactly(reference[k]);
            }
        }
    }

    /** Forward from a random non-zero state, then BPTT truncated to the last 6 steps; every output of the kernel. */
    private static float[][] run(int threads) {
        SplittableRandom random = new SplittableRandom(17);
        LstmKernel kernel = new LstmKernel(E, H, threads);
        kernel.setWeights(gaussian(random, E * 4 * H), gaussian(random, H * 4 * H), gaussian(random, 4 * H));
        kernel.forward(gaussian(random, STEPS * BATCH * E), STEPS, BATCH, gaussian(random, BATCH * H),
                gaussian(random, BATCH * H));
        float[][] forward = {floats(kernel.output()), kernel.finalHidden(), kernel.finalCell()};
        kernel.backward(gaussian(random, STEPS * BATCH * H), STEPS - 6);
        return new float[][] {forward[0], forward[1], forward[2], floats(kernel.inputWeightGradient()),
                floats(kernel.recurrentWeightGradient()), kernel.biasGradient(), floats(kernel.inputGradient())};
    }

    private static float[] gaussian(SplittableRandom random, int size) {
        float[] values = new float[size];
        for (int k = 0; k < size; k++) {
            values[k] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.duplicate().get(values);
        return values;
    }
}
