package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * {@link LstmJacobian} against {@link LstmCell}, the map the analyzer runs ({@link ZeroInputMaps}): the same
 * zero-input step on (h, c), and the analytic Jacobian against central differences of LstmCell itself.
 */
class LstmJacobianTest {

    private static final int V = 30;
    private static final int E = 6;
    private static final int H = 24;
    private static final long SEED = 5;

    @Test
    void theStepIsLstmCellsZeroInputStep() {
        ZeroInputMaps.assertStepIsTheCellsZeroInputStep(RandomLstm.parameters(V, E, H, 0.5, 0.5, 3, SEED),
                randomStates(8, H, new Random(SEED)));
    }

    @Test
    void theAnalyticJacobianMatchesCentralDifferencesOfLstmCell() {
        ZeroInputMaps.assertJacobianMatchesCentralDifferences(
                gain -> RandomLstm.parameters(V, E, H, 0.5, 1, gain, SEED), randomStates(1, H, new Random(SEED + 1))[0]);
    }

    /** States with h ∈ (−1, 1) as tanh·σ allows and c ~ N(0, 1), seeded. */
    static double[][] randomStates(int count, int hidden, Random random) {
        double[][] states = new double[count][2 * hidden];
        for (double[] s : states) {
            for (int j = 0; j < hidden; j++) {
                s[j] = 2 * random.nextDouble() - 1;
                s[hidden + j] = random.nextGaussian();
            }
        }
        return states;
    }
}
