package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * {@link SimpleRnnJacobian} against {@link SimpleRnnCell}, the map the analyzer runs ({@link ZeroInputMaps}): the
 * same zero-input step on h, and the analytic Jacobian against central differences of SimpleRnnCell itself.
 */
class SimpleRnnJacobianTest {

    private static final int V = 30;
    private static final int E = 6;
    private static final int H = 24;
    private static final long SEED = 5;

    @Test
    void theStepIsSimpleRnnCellsZeroInputStep() {
        ZeroInputMaps.assertStepIsTheCellsZeroInputStep(RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 3, SEED),
                randomStates(8, new Random(SEED)));
    }

    @Test
    void theAnalyticJacobianMatchesCentralDifferencesOfSimpleRnnCell() {
        ZeroInputMaps.assertJacobianMatchesCentralDifferences(
                gain -> RandomSimpleRnn.parameters(V, E, H, 0.5, 1, gain, SEED), randomStates(1, new Random(SEED + 1))[0]);
    }

    /** Hidden states h ∈ (−1, 1), the range of tanh, seeded. */
    private static double[][] randomStates(int count, Random random) {
        double[][] states = new double[count][H];
        for (double[] s : states) {
            for (int j = 0; j < H; j++) {
                s[j] = 2 * random.nextDouble() - 1;
            }
        }
        return states;
    }
}
