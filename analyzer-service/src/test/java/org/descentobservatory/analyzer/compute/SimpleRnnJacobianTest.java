package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
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
            double[] analytic = new double[H * H];
            new SimpleRnnJacobian(theta).step(s, new double[H], analytic);

            CentralDifferences.Comparison comparison = CentralDifferences.compare(
                    s, analytic, states -> cellStep(theta, states), LyapunovTolerances.FINITE_DIFFERENCE_STEP);
            assertThat(comparison.maxEntry()).as("gain %s", gain).isGreaterThan(0.1);
            assertThat(comparison.relativeError()).as("gain %s", gain)
                    .isLessThan(LyapunovTolerances.FINITE_DIFFERENCE);
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
