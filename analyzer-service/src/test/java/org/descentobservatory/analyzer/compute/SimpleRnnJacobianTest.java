package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.descentobservatory.analyzer.compute.lyapunov.SimpleRnnJacobian;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link SimpleRnnJacobian} against {@link SimpleRnnCell}, the map the analyzer runs: the same zero-input step, and
 * the analytic Jacobian against central differences of SimpleRnnCell itself (reference: the definition of the
 * derivative).
 */
class SimpleRnnJacobianTest {

    private static final int V = 30;
    private static final int E = 6;
    private static final int H = 24;
    private static final long SEED = 5;

    @Test
    void theStepIsSimpleRnnCellsZeroInputStep() {
        SimpleRnnParameters theta = RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 3, SEED);
        double[][] states = randomStates(8, H, new Random(SEED));

        double[][] viaCell = cellStep(theta, states);
        SimpleRnnJacobian map = new SimpleRnnJacobian(theta);
        double[] next = new double[H];
        double[] jacobian = new double[H * H];
        assertThat(map.dimension()).isEqualTo(H);
        for (int i = 0; i < states.length; i++) {
            map.step(states[i], next, jacobian);
            for (int r = 0; r < H; r++) {
                assertThat(next[r]).isCloseTo(viaCell[i][r], within(LyapunovTolerances.SAME_MAP));
            }
        }
    }

    @Test
    void theAnalyticJacobianMatchesCentralDifferencesOfSimpleRnnCell() {
        for (double gain : new double[]{0.5, 3, 10}) {
            SimpleRnnParameters theta = RandomSimpleRnn.parameters(V, E, H, 0.5, 1, gain, SEED);
            double[] s = randomStates(1, H, new Random(SEED + 1))[0];
            double delta = LyapunovTolerances.FINITE_DIFFERENCE_STEP;
            // Rows 2j and 2j + 1: h ± δ·e_j, all stepped by SimpleRnnCell in one batch.
            double[][] shifted = new double[2 * H][];
            for (int j = 0; j < H; j++) {
                shifted[2 * j] = s.clone();
                shifted[2 * j][j] += delta;
                shifted[2 * j + 1] = s.clone();
                shifted[2 * j + 1][j] -= delta;
            }
            double[][] images = cellStep(theta, shifted);

            double[] analytic = new double[H * H];
            new SimpleRnnJacobian(theta).step(s, new double[H], analytic);

            double maxError = 0;
            double maxEntry = 0;
            for (int j = 0; j < H; j++) {
                for (int r = 0; r < H; r++) {
                    double centralDifference = (images[2 * j][r] - images[2 * j + 1][r]) / (2 * delta);
                    maxError = Math.max(maxError, Math.abs(centralDifference - analytic[j * H + r]));
                    maxEntry = Math.max(maxEntry, Math.abs(analytic[j * H + r]));
                }
            }
            assertThat(maxEntry).as("gain %s", gain).isGreaterThan(0.1);
            assertThat(maxError / maxEntry).as("gain %s", gain).isLessThan(LyapunovTolerances.FINITE_DIFFERENCE);
        }
    }

    /** Hidden states h ∈ (−1, 1), the range of tanh, seeded. */
    static double[][] randomStates(int count, int hidden, Random random) {
        double[][] states = new double[count][hidden];
        for (double[] s : states) {
            for (int j = 0; j < hidden; j++) {
                s[j] = 2 * random.nextDouble() - 1;
            }
        }
        return states;
    }

    /** One zero-input SimpleRnnCell step of each state, batched. */
    static double[][] cellStep(SimpleRnnParameters theta, double[][] states) {
        SimpleRnnCell cell = new SimpleRnnCell(theta);
        SimpleRnnState state = SimpleRnnState.zeros(states.length, theta.hiddenSize());
        state.h().assign(Nd4j.createFromArray(states));
        cell.step(cell.zeroInputDrive(states.length), state);
        return state.stateVectors();
    }
}
