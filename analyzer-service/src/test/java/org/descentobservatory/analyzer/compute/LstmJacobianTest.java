package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LstmJacobian} against {@link LstmCell}, the map the analyzer runs: the same zero-input step, and the
 * analytic Jacobian against central differences of LstmCell itself (reference: the definition of the derivative).
 */
class LstmJacobianTest {

    private static final int V = 30;
    private static final int E = 6;
    private static final int H = 24;
    private static final long SEED = 5;

    @Test
    void theStepIsLstmCellsZeroInputStep() {
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 3, SEED);
        double[][] states = randomStates(8, H, new Random(SEED));

        double[][] viaCell = cellStep(theta, states);
        LstmJacobian map = new LstmJacobian(theta);
        double[] next = new double[2 * H];
        double[] jacobian = new double[4 * H * H];
        for (int i = 0; i < states.length; i++) {
            map.step(states[i], next, jacobian);
            for (int r = 0; r < 2 * H; r++) {
                assertThat(next[r]).isCloseTo(viaCell[i][r], within(LyapunovTolerances.SAME_MAP));
            }
        }
    }

    @Test
    void theAnalyticJacobianMatchesCentralDifferencesOfLstmCell() {
        for (double gain : new double[]{0.5, 3, 10}) {
            LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 1, gain, SEED);
            double[] s = randomStates(1, H, new Random(SEED + 1))[0];
            int n = 2 * H;
            double[] analytic = new double[n * n];
            new LstmJacobian(theta).step(s, new double[n], analytic);

            CentralDifferences.Comparison comparison = CentralDifferences.compare(
                    s, analytic, states -> cellStep(theta, states), LyapunovTolerances.FINITE_DIFFERENCE_STEP);
            assertThat(comparison.maxEntry()).as("gain %s", gain).isGreaterThan(0.1);
            assertThat(comparison.relativeError()).as("gain %s", gain)
                    .isLessThan(LyapunovTolerances.FINITE_DIFFERENCE);
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

    /** One zero-input LstmCell step of each state (layout (h, c)), batched. */
    static double[][] cellStep(LstmParameters theta, double[][] states) {
        int hidden = theta.hiddenSize();
        double[][] h = new double[states.length][hidden];
        double[][] c = new double[states.length][hidden];
        for (int i = 0; i < states.length; i++) {
            System.arraycopy(states[i], 0, h[i], 0, hidden);
            System.arraycopy(states[i], hidden, c[i], 0, hidden);
        }
        LstmCell cell = new LstmCell(theta);
        LstmState state = LstmState.zeros(states.length, hidden);
        state.h().assign(Nd4j.createFromArray(h));
        state.c().assign(Nd4j.createFromArray(c));
        cell.step(cell.zeroInputDrive(states.length), state);
        double[][] hNext = state.h().toDoubleMatrix();
        double[][] cNext = state.c().toDoubleMatrix();
        double[][] images = new double[states.length][2 * hidden];
        for (int i = 0; i < states.length; i++) {
            System.arraycopy(hNext[i], 0, images[i], 0, hidden);
            System.arraycopy(cNext[i], 0, images[i], hidden, hidden);
        }
        return images;
    }
}
