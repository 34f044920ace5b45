package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Lyapunov exponents of the zero-input vanilla-RNN map on seeded random networks ({@link RandomSimpleRnn}). */
class SimpleRnnLyapunovSpectrumTest {

    private static final int V = 60;
    private static final int E = 8;
    private static final int H = 48;
    private static final long SEED = 77;

    @Test
    void nearZeroRecurrentGainIsOrderedAndLargeGainChaotic() {
        // h' = tanh(h·RW + b) with RW ~ N(0, g²/H): λ_1 ≤ log‖J‖ ≤ log‖RW‖₂ ≈ log 2g (circular law), < 0 at g = 0.1;
        // for g well above 1 the random network is chaotic (Sompolinsky, Crisanti & Sommers 1988), λ_1 > 0.
        LyapunovSigns.assertOrderedThenChaotic(RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 0.1, SEED),
                RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 5, SEED), RandomLstm.tokens(16, 30, V, SEED), SEED);
    }

    @Test
    void aZeroWeightNetworkHasFiniteExponentsAndAFiniteProbeMean() {
        // All weights 0: h' = tanh(0) = 0 and J = 0 at every step, so every direction collapses in one step; the
        // exponents are LyapunovSpectrum.LOG_GROWTH_FLOOR instead of −∞, and their mean over probes stays finite.
        SimpleRnnParameters zero = RandomSimpleRnn.parameters(V, E, H, 0, 0, 0, SEED);
        int[][] probes = RandomLstm.tokens(3, 5, V, SEED);

        ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(zero, probes,
                new LyapunovSpectrum.Settings(2, 10, 50, SEED));

        // The mean of n equal logs equals the floor up to the rounding of the sum (~n·ε relative).
        assertThat(result.mean()).containsOnly(new double[]{LyapunovSpectrum.LOG_GROWTH_FLOOR}, within(1e-9));
        assertThat(result.standardError()).containsOnly(new double[]{0.0}, within(1e-9));
        assertThat(PhaseLabel.of(0, result.mean()[0], result.standardError()[0],
                new PhaseLabel.Thresholds(0.005, 2, 0.05, 0.95))).isEqualTo(PhaseLabel.Phase.ORDER);
    }

    @Test
    void drivenStatesAreTheHiddenStatesSimpleRnnCellReachesOnTheTokens() {
        int[][] probes = RandomLstm.tokens(4, 9, V, SEED);
        SimpleRnnParameters theta = RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 2, SEED);

        double[][] states = ProbeLyapunovSpectrum.drivenStates(theta, probes);

        SimpleRnnCell cell = new SimpleRnnCell(theta);
        SimpleRnnState state = cell.zeroState(probes.length);
        for (int t = 0; t < probes[0].length; t++) {
            int[] tokens = new int[probes.length];
            for (int i = 0; i < probes.length; i++) {
                tokens[i] = probes[i][t];
            }
            cell.step(cell.tokenDrive(tokens), state);
        }
        assertThat(states).isDeepEqualTo(state.h().toDoubleMatrix());
        assertThat(states[0]).hasSize(theta.zeroInputMap().dimension());
    }
}
