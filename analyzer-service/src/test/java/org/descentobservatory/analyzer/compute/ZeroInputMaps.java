package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.function.DoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The checks every architecture's zero-input map ({@link RecurrentParameters#zeroInputMap()}) must pass against the
 * cell the analyzer runs ({@link RecurrentParameters#cell()}): the same step, and an analytic Jacobian that matches
 * central differences of the cell itself (reference: the definition of the derivative).
 */
final class ZeroInputMaps {

    /** The recurrent gains the Jacobian is checked at: ordered, around the transition, chaotic. */
    private static final double[] GAINS = {0.5, 3, 10};

    private ZeroInputMaps() {
    }

    /** The map's s' from each state equals the cell's zero-input step from it, within {@code SAME_MAP}. */
    static void assertStepIsTheCellsZeroInputStep(RecurrentParameters theta, double[][] states) {
        double[][] viaCell = cellStep(theta, states);
        MapWithJacobian map = theta.zeroInputMap();
        int n = map.dimension();
        assertThat(states[0]).hasSize(n);
        double[] next = new double[n];
        double[] jacobian = new double[n * n];
        for (int i = 0; i < states.length; i++) {
            map.step(states[i], next, jacobian);
            for (int r = 0; r < n; r++) {
                assertThat(next[r]).isCloseTo(viaCell[i][r], within(LyapunovTolerances.SAME_MAP));
            }
        }
    }

    /**
     * For θ = {@code network.apply(g)} at each of {@link #GAINS}, the analytic Jacobian at s matches central
     * differences of the cell, relative to max|J| (which must be non-trivial, &gt; 0.1).
     */
    static void assertJacobianMatchesCentralDifferences(DoubleFunction<RecurrentParameters> network, double[] s) {
        for (double gain : GAINS) {
            RecurrentParameters theta = network.apply(gain);
            int n = s.length;
            double[] analytic = new double[n * n];
            theta.zeroInputMap().step(s, new double[n], analytic);

            CentralDifferences.Comparison comparison = CentralDifferences.compare(
                    s, analytic, states -> cellStep(theta, states), LyapunovTolerances.FINITE_DIFFERENCE_STEP);
            assertThat(comparison.maxEntry()).as("gain %s", gain).isGreaterThan(0.1);
            assertThat(comparison.relativeError()).as("gain %s", gain)
                    .isLessThan(LyapunovTolerances.FINITE_DIFFERENCE);
        }
    }

    /** One zero-input step of θ's cell from each state (coordinates of {@link RecurrentState#stateVectors()}), batched. */
    static double[][] cellStep(RecurrentParameters theta, double[][] states) {
        return cellStep(theta.cell(), states);
    }

    private static <S extends RecurrentState> double[][] cellStep(RecurrentCell<S> cell, double[][] states) {
        int hidden = cell.hiddenSize();
        S state = cell.zeroState(states.length);
        state.h().assign(Nd4j.createFromArray(columns(states, 0, hidden)));
        if (state instanceof LstmState lstm) {
            lstm.c().assign(Nd4j.createFromArray(columns(states, hidden, 2 * hidden)));
        }
        cell.step(cell.zeroInputDrive(states.length), state);
        return state.stateVectors();
    }

    private static double[][] columns(double[][] rows, int from, int to) {
        return Arrays.stream(rows).map(row -> Arrays.copyOfRange(row, from, to)).toArray(double[][]::new);
    }
}
