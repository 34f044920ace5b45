package org.descentobservatory.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.descentobservatory.store.StoreSettings;

/** The analyzer's settings, under {@code observatory.*}. */
@ConfigMapping(prefix = "observatory")
public interface AnalyzerConfig {

    /** Where checkpoints and probe sets are read from. */
    Store store();

    /**
     * The asymptotic-distance protocol (Wei et al., arXiv:2505.20030) and the largest Lyapunov exponent of the
     * same zero-input map.
     */
    Analysis analysis();

    /** {@code observatory.store.*}: endpoint, access-key, secret-key, bucket; see {@link StoreSettings}. */
    interface Store extends StoreSettings {
    }

    interface Analysis {

        /** T, the step whose hidden state is compared; T + 1 cell steps are run. Default 1599 (paper). */
        @WithDefault("1599")
        int totalSteps();

        /** ε, length of the perturbation of the initial hidden state h_{−1}. Default 1e-8 (paper). */
        @WithDefault("1e-8")
        double perturbation();

        /** Log of the floor added to every distance; D̃ at this value means order. Default −15 (paper). */
        @WithDefault("-15")
        double floorLog();

        /** Probes used at most: the first this many of the run's probe set. Default 500 (paper). */
        @WithDefault("500")
        int maxProbes();

        /**
         * Seed of the perturbation directions and of the Lyapunov tangent vector; the same seed makes every
         * checkpoint's analysis comparable. Default 2505.
         */
        @WithDefault("2505")
        long seed();

        /**
         * Probes the largest Lyapunov exponent λ₁ is averaged over: the first this many of the probes used for D̃
         * (fewer if the probe set is smaller). Each costs (transient + steps) steps of the map and its Jacobian in
         * plain Java, unbatched, so this stays far below {@link #maxProbes()} to keep λ₁ cheap beside D̃. Default 20.
         */
        @WithDefault("20")
        int lyapunovProbes();

        /** n₀, zero-input steps evolved before λ₁ is averaged (to reach the attractor). Default 200. */
        @WithDefault("200")
        int lyapunovTransientSteps();

        /** n, zero-input steps λ₁ is averaged over; λ₁ is per step of the map. Default 1000. */
        @WithDefault("1000")
        int lyapunovSteps();

        /** Runs whose probe set is kept in memory (least recently used evicted). Default 8. */
        @WithDefault("8")
        int probeSetCacheSize();
    }
}
