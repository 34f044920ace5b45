package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
        int[][] probes = RandomLstm.tokens(16, 30, V, SEED);
        LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(1, 200, 1000, SEED);

        ProbeLyapunovSpectrum.Result ordered = ProbeLyapunovSpectrum.measure(
                RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 0.1, SEED), probes, settings);
        ProbeLyapunovSpectrum.Result chaotic = ProbeLyapunovSpectrum.measure(
                RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 5, SEED), probes, settings);

        LyapunovSigns.assertOrderedThenChaotic(ordered, chaotic);
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
