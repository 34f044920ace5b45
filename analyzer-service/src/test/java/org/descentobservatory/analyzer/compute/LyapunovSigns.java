package org.descentobservatory.analyzer.compute;


import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign checks of λ₁ that every order/chaos sanity test makes, whatever the architecture. */
final class LyapunovSigns {

    private LyapunovSigns() {
    }

    /**
     * λ₁ of {@code ordered} and {@code chaotic} driven by {@code probes} (200 transient + 1000 averaged steps) passes
     * {@link #assertOrderedThenChaotic(ProbeLyapunovSpectrum.Result, ProbeLyapunovSpectrum.Result)}.
     */
    static void assertOrderedThenChaotic(RecurrentParameters ordered, RecurrentParameters chaotic, int[][] probes,
                                         long seed) {
        LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(1, 200, 1000, seed);
        assertOrderedThenChaotic(ProbeLyapunovSpectrum.measure(ordered, probes, settings),
                ProbeLyapunovSpectrum.measure(chaotic, probes, settings));
    }

    /** Every probe's λ₁ is negative in {@code ordered} and positive in {@code chaotic}, the latter by 3 SE. */
    static void assertOrderedThenChaotic(ProbeLyapunovSpectrum.Result ordered, ProbeLyapunovSpectrum.Result chaotic) {
        for (double[] exponents : ordered.perProbe()) {
            assertThat(exponents[0]).isNegative();
        }
        for (double[] exponents : chaotic.perProbe()) {
            assertThat(exponents[0]).isPositive();
        }
        assertThat(chaotic.mean()[0] - 3 * chaotic.standardError()[0]).isPositive();
    }
}
