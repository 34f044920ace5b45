package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LstmJacobian} against {@link LstmCell}, the map the analyzer runs ({@link ZeroInputMaps}): the same
 * zero-input step on (h, c), and the analytic Jacobian against central differences of LstmCell itself; and its
 * batched tangent map (J·Q without J) against that Jacobian.
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

    @Test
    void theBatchedTangentMapIsTheStepAndItsJacobianTimesTheTangents() {
        int count = 3;
        int k = 5;
        int n = 2 * H;
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 3, SEED);
        Random random = new Random(SEED + 2);
        double[][] s0 = randomStates(count, H, random);
        double[] states = new double[count * n];
        double[] tangents = new double[count * n * k];
        for (int p = 0; p < count; p++) {
            System.arraycopy(s0[p], 0, states, p * n, n);
        }
        for (int e = 0; e < tangents.length; e++) {
            tangents[e] = random.nextGaussian();
        }
        double[] q = tangents.clone();

        new LstmJacobian(theta).advance(states, tangents, count, k);

        LstmJacobian map = new LstmJacobian(theta);
        double[] next = new double[n];
        double[] jacobian = new double[n * n];
        for (int p = 0; p < count; p++) {
            map.step(s0[p], next, jacobian);
            for (int e = 0; e < n; e++) {
                // The same gemm row for h in step and advance: the same state to the last bit.
                assertThat(states[p * n + e]).isEqualTo(next[e]);
            }
            for (int j = 0; j < k; j++) {
                int column = (p * k + j) * n;
                for (int row = 0; row < n; row++) {
                    double expected = 0;
                    for (int e = 0; e < n; e++) {
                        expected += jacobian[e * n + row] * q[column + e];
                    }
                    assertThat(tangents[column + row]).as("(J·Q_%d)[%d, %d]", p, row, j)
                            .isCloseTo(expected, within(LyapunovTolerances.TANGENT_PRODUCT));
                }
            }
        }
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
