package org.descentobservatory.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.descentobservatory.analyzer.compute.AsymptoticDistance;
import org.descentobservatory.analyzer.compute.PhaseLabel;
import org.descentobservatory.store.StoreSettings;

import java.time.Duration;
import java.util.Optional;

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
         * L, the steps driven by each probe before the autonomous phase: the first L steps of every probe. Unset
         * (the default): the probes' whole length, the trainer's sequence length (the paper: 500).
         */
        Optional<Integer> drivenSteps();

        /**
         * Where the perturbation of length {@link #perturbation()} is added: {@code initial-hidden}, h_{−1} before
         * the probe (the paper's), or {@code drive-end-hidden}, the hidden state the probe leaves. Default
         * initial-hidden.
         */
        @WithDefault("initial-hidden")
        AsymptoticDistance.PerturbationTarget perturbationTarget();

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

        /**
         * k, the leading Lyapunov exponents λ₁ ≥ … ≥ λ_k computed (Benettin QR), at most the map's dimension (2H for
         * an LSTM, H for a vanilla RNN; a larger k is cut to it). Each step costs ~2n²k flops for J·Q beside the
         * ~18H² of the map, so k = 4 roughly doubles the cost of λ₁ alone. Default 4.
         */
        @WithDefault("4")
        int lyapunovExponents();

        /**
         * Threads one analysis uses: the D̃ steps split their trajectories, the Lyapunov spectrum its probes, with
         * bit-identical results. Default 1: replicas and partitions already use the cores (docs/benchmarks.md); more
         * shortens one analysis when the analyzer has cores to itself.
         */
        @WithDefault("1")
        int threads();

        /** The thresholds of the phase label; see docs/order-chaos.md. */
        Phase phase();

        /** How transient store failures are retried. */
        StoreRetry storeRetry();

        /**
         * k, adaptive refinement: with k &gt; 1 only epoch 1 and every k-th checkpoint are analysed on arrival, and
         * the epochs between two analysed ones whose phase differs are bisected until each transition lies between
         * adjacent analysed epochs ({@code AdaptiveRefinement}). Default 1: every checkpoint analysed.
         */
        @WithDefault("1")
        int refinementStride();

        /** Runs whose probe set is kept in memory (least recently used evicted). Default 8. */
        @WithDefault("8")
        int probeSetCacheSize();
    }

    /**
     * {@code observatory.analysis.store-retry.*}: reads that fail for a transient reason (store down, restarting,
     * 5xx) are retried with exponential backoff; a missing object is not. With the defaults a store may be away for
     * about a minute (0.5 + 1 + 2 + 4 + 8 + 15 + 15 + 15 s) before the checkpoint is dead-lettered.
     */
    interface StoreRetry {

        /** Attempts in all, the first included. Default 9. */
        @WithDefault("9")
        int maxAttempts();

        /** Wait before the first retry; doubled after each. Default 500 ms. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Cap on any wait. Default 15 s. */
        @WithDefault("15s")
        Duration maxBackoff();
    }

    /** {@code observatory.analysis.phase.*}: the rule of {@link PhaseLabel}, documented in docs/order-chaos.md. */
    interface Phase {

        /** |λ₁| per map step at or below which the autonomous map counts as marginal (edge). Default 0.005. */
        @WithDefault("0.005")
        double lyapunovBand();

        /** z: λ₁ within z standard errors of 0 counts as marginal too. Default 2. */
        @WithDefault("2")
        double standardErrors();

        /** Chaotic fraction at or below which the distance protocol says order. Default 0.05. */
        @WithDefault("0.05")
        double fractionLow();

        /** Chaotic fraction at or above which it says chaos. Default 0.95. */
        @WithDefault("0.95")
        double fractionHigh();

        /** These thresholds for {@link PhaseLabel#of}. */
        default PhaseLabel.Thresholds thresholds() {
            return new PhaseLabel.Thresholds(lyapunovBand(), standardErrors(), fractionLow(), fractionHigh());
        }
    }
}
