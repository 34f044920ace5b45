package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.blas.Shares;

import java.util.Arrays;

/**
 * Lyapunov exponents of a trained network's zero-input map (the LSTM's on (h, c), {@link LstmJacobian}, or the
 * vanilla RNN's on h, {@link SimpleRnnJacobian}), averaged over the probe set: the Lyapunov counterpart of the
 * asymptotic distance D̃ (Wei et al., arXiv:2505.20030, Sec. III), which starts its zero-input phase from the state
 * each probe review leaves behind.
 *
 * <p>Method, for each probe i with tokens (τ_0 … τ_{L−1}):
 * <ol>
 *   <li>Drive the network's {@link RecurrentCell} from the zero state with the probe's tokens, L steps as in
 *       {@code AsymptoticDistance} (all probes batched), giving s_i ({@link RecurrentState#stateVectors()}).</li>
 *   <li>From s_i run {@link LyapunovSpectrum#of} (the probes of a thread as one batch) on the zero-input map {@link RecurrentParameters#zeroInputMap()}:
 *       n₀ transient steps, then n averaged steps, giving λ_{i,1} … λ_{i,k} per step.</li>
 * </ol>
 * Result: the mean over probes λ̄_j = (1/N) Σ_i λ_{i,j} and its standard error √(Σ_i (λ_{i,j} − λ̄_j)² / (N − 1)) / √N
 * (NaN for a single probe). Every probe uses the same seed for Q_0. Exponents per step, as in
 * Engelken, Wolf &amp; Abbott (arXiv:2006.02427, 2020).
 *
 * <p>Cost: L batched cell steps (one N×H by H×(gates·H) gemm each), then n₀ + n steps of {@link LyapunovSpectrum}
 * with each thread's probes advanced as one batch ({@link RecurrentParameters#zeroInputMap()}'s tangent map: for the
 * LSTM one gemm of all the batch's tangent vectors per step, {@link LstmJacobian#advance}; the QR by LAPACK): for
 * the LSTM ~(8H² + 8H²k + 8Hk²)·N·(n₀ + n) flops, for the vanilla RNN ~(3H² + 2H²k + 4Hk²)·N·(n₀ + n). Measured for
 * the LSTM with H = 60, k = 10, N = 20 probes of 500 tokens, n₀ = 200, n = 1000 on a quiet 2-core machine:
 * 0.63–0.67 s on one thread, 0.44–0.49 s on two ({@code AnalyzerJmh.spectrum}, docs/benchmarks.md).
 */
public final class ProbeLyapunovSpectrum {

    private ProbeLyapunovSpectrum() {
    }

    /**
     * The outcome.
     *
     * @param mean          λ̄_1 … λ̄_k, the mean over probes, per step
     * @param standardError the standard error of each mean over probes (NaN for one probe)
     * @param perProbe      {@code perProbe[i][j]} = λ_{i,j+1}, in probe order
     */
    public record Result(double[] mean, double[] standardError, double[][] perProbe) {

        public int probeCount() {
            return perProbe.length;
        }
    }

    /**
     * Runs the method of the class comment on a classifier's zero-input map, driven by token probes:
     * {@link #measure(AnalysedNetwork, ProbeInputs, LyapunovSpectrum.Settings)}. Preconditions: at least one probe;
     * all probes of one length L ≥ 0; every token in [0, V); k ≤ the map's dimension (2H for the LSTM, H for the
     * vanilla RNN).
     *
     * @throws IllegalArgumentException if a precondition fails, naming it
     */
    public static Result measure(RecurrentParameters theta, int[][] probes, LyapunovSpectrum.Settings settings) {
        return measure(AnalysedNetwork.zeroInput(theta), new TokenProbes(probes), settings);
    }

    /**
     * Runs the method of the class comment: the probes drive {@code network.driven()}, the exponents are those of
     * {@code network.autonomous()}'s zero-input map (for a forecaster, the closed loop). Preconditions: at least one
     * probe; probes that fit the network; k ≤ the map's dimension.
     *
     * @throws IllegalArgumentException if a precondition fails, naming it
     */
    public static Result measure(AnalysedNetwork network, ProbeInputs probes, LyapunovSpectrum.Settings settings) {
        return measure(network, probes, settings, 1);
    }

    /**
     * {@link #measure(AnalysedNetwork, ProbeInputs, LyapunovSpectrum.Settings)} with the driven steps' probes and
     * then the probes' spectra split over {@code threads} threads, each with its own map (the same result).
     *
     * @throws IllegalArgumentException if a precondition fails or threads &lt; 1, naming it
     */
    public static Result measure(AnalysedNetwork network, ProbeInputs probes, LyapunovSpectrum.Settings settings,
                                 int threads) {
        double[][] states = drive(network.drivenCell(), probes, threads);
        double[][] perProbe = new double[states.length][];
        int shares = Math.min(Shares.requireThreads(threads), states.length);
        Shares.run(shares, shares, share -> {
            int first = Shares.start(share, states.length, shares);
            int end = Shares.start(share + 1, states.length, shares);
            LyapunovSpectrum.Result[] results = LyapunovSpectrum.of(network.autonomous().zeroInputMap().tangentMap(),
                    Arrays.copyOfRange(states, first, end), settings);
            for (int i = first; i < end; i++) {
                perProbe[i] = results[i - first].exponents();
            }
        });
        return summarise(perProbe, settings.exponents());
    }

    /**
     * s_i after driving the network from the zero state with probe i's tokens, in the coordinates of
     * {@link RecurrentParameters#zeroInputMap()}. Preconditions as {@link #measure}. Cost: L batched cell steps.
     */
    public static double[][] drivenStates(RecurrentParameters theta, int[][] probes) {
        return drivenStates(theta, new TokenProbes(probes));
    }

    /**
     * s_i after driving the network from the zero state with probe i, in the coordinates of
     * {@link RecurrentParameters#zeroInputMap()}. Preconditions: probes that fit θ. Cost: L batched cell steps.
     */
    public static double[][] drivenStates(RecurrentParameters theta, ProbeInputs probes) {
        return drive(theta.cell(), probes, 1);
    }

    private static <S extends RecurrentState> double[][] drive(RecurrentCell<S> cell, ProbeInputs probes,
                                                               int threads) {
        probes.requireFits(cell);
        S state = cell.zeroState(probes.probeCount(), threads);
        for (int t = 0; t < probes.length(); t++) {
            probes.step(cell, t, 1, state);
        }
        return state.stateVectors();
    }

    private static Result summarise(double[][] perProbe, int k) {
        int n = perProbe.length;
        double[] mean = new double[k];
        double[] standardError = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (double[] exponents : perProbe) {
                sum += exponents[j];
            }
            mean[j] = sum / n;
            double sumOfSquares = 0;
            for (double[] exponents : perProbe) {
                double deviation = exponents[j] - mean[j];
                sumOfSquares += deviation * deviation;
            }
            standardError[j] = n > 1 ? Math.sqrt(sumOfSquares / (n - 1) / n) : Double.NaN;
        }
        return new Result(mean, standardError, perProbe);
    }
}
