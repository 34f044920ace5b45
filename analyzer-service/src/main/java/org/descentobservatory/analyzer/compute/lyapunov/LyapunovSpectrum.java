package org.descentobservatory.analyzer.compute.lyapunov;

import org.descentobservatory.blas.HouseholderQr;

import java.util.Arrays;
import java.util.Random;

/**
 * The top-k Lyapunov exponents λ_1 ≥ … ≥ λ_k of a map s_{t+1} = F(s_t) along one trajectory, in units of
 * 1/step (the map's time unit): λ &lt; 0 contracting (order), ≈ 0 marginal, &gt; 0 expanding (chaos).
 *
 * <p>Method: Benettin, Galgani, Giorgilli &amp; Strelcyn, "Lyapunov characteristic exponents for smooth dynamical
 * systems and for Hamiltonian systems; a method for computing all of them", Meccanica 15 (1980) 9–20 and
 * 21–30; the same QR form as Wolf, Swift, Swinney &amp; Vastano, Physica D 16 (1985) 285–317, and as used for
 * recurrent networks by Engelken, Wolf &amp; Abbott, arXiv:2006.02427 (2020). k tangent vectors, the columns of an
 * orthonormal n×k matrix Q_0 drawn at random (seeded), are carried along the trajectory and re-orthonormalised
 * every step:
 * <pre>
 * s_{t+1} = F(s_t),   Q_{t+1}·R_{t+1} = J(s_t)·Q_t   (thin QR, {@link HouseholderQr}),
 * λ_j = (1/n) Σ_{t = n₀}^{n₀+n−1} log|R_{t+1, jj}|
 * </pre>
 * The first n₀ steps are a transient: state and tangent vectors are evolved (so that s reaches the attractor
 * and Q aligns with the leading Oseledets directions) but not averaged. For k = 1 the QR is the normalisation
 * v ← J·v/‖J·v‖ with R_11 = ‖J·v‖: the tangent-vector method for λ_1 ({@link #largest}). Exponents come out in
 * the order of Q's columns, which is descending once the run is long against the inverse gaps; they are not
 * sorted afterwards. A step with R_jj = 0 (a map of rank &lt; j along the trajectory, e.g. a network with all
 * weights zero, whose J is 0) would give λ_j = −∞, which no event can carry and no mean over probes survives: such a
 * step contributes {@link #LOG_GROWTH_FLOOR} instead, the log of the smallest positive double, so λ_j stays finite
 * and far below any exponent a non-degenerate map has (|log|R_jj|| ≤ log of J's norm, a few units).
 *
 * <p>Cost per step and trajectory: one {@link TangentMap#advance} (for a plain {@link MapWithJacobian}, its step and
 * 2n²k flops for J·Q by OpenBLAS) and ~4nk² for the QR and Q (LAPACK, {@link HouseholderQr}); for the zero-input LSTM (n = 2H) with
 * H = 60 and k = 10 that is ~0.3 Mflop. Memory per trajectory n + 2nk plus the tangent map's.
 */
public final class LyapunovSpectrum {

    /**
     * log|R_jj| of a step whose growth factor is 0 (or below the smallest positive double): log(Double.MIN_VALUE)
     * ≈ −744.4, so a collapsing direction gives a finite, hugely negative exponent rather than −∞.
     */
    public static final double LOG_GROWTH_FLOOR = Math.log(Double.MIN_VALUE);

    private LyapunovSpectrum() {
    }

    /** log|r|, floored at {@link #LOG_GROWTH_FLOOR} (log 0 = −∞ otherwise). */
    static double logGrowth(double r) {
        return Math.max(Math.log(Math.abs(r)), LOG_GROWTH_FLOOR);
    }

    /**
     * The run's settings.
     *
     * @param exponents      k, the number of leading exponents (1 ≤ k ≤ n, checked against the map)
     * @param transientSteps n₀ ≥ 0, steps evolved before averaging
     * @param steps          n ≥ 1, steps averaged
     * @param seed           seeds the random orthonormal Q_0
     */
    public record Settings(int exponents, int transientSteps, int steps, long seed) {

        /** Preconditions: k ≥ 1, n₀ ≥ 0, n ≥ 1. */
        public Settings {
            if (exponents < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + exponents);
            }
            if (transientSteps < 0) {
                throw new IllegalArgumentException("The transient n0 must be >= 0, got " + transientSteps);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("The averaging steps n must be >= 1, got " + steps);
            }
        }
    }

    /**
     * The outcome of one trajectory.
     *
     * @param exponents λ_1 … λ_k per step, in Q's column order
     * @param state     s_{n₀+n}, the state after the run
     * @param tangents  Q_{n₀+n}, column-major n×k, orthonormal columns (the final tangent basis)
     */
    public record Result(double[] exponents, double[] state, double[] tangents) {
    }

    /**
     * Runs the method of the class comment from s_0. Preconditions: {@code s0} of length n = {@code map.dimension()}
     * with F and J finite along the trajectory; k ≤ n. Cost: n₀ + n steps as in the class comment.
     *
     * @throws IllegalArgumentException if s_0 or k does not fit the map
     */
    public static Result of(MapWithJacobian map, double[] s0, Settings settings) {
        return of(map.tangentMap(), new double[][]{s0}, settings)[0];
    }

    /**
     * Runs the method of the class comment from each s_0 of {@code s0} at once (the batch advanced together by
     * {@link TangentMap#advance}, one QR per trajectory), every trajectory from the same seeded Q_0: result p is
     * trajectory p's. Preconditions: at least one s_0, each of length n = {@code map.dimension()}, with F and J finite
     * along the trajectories; k ≤ n. Cost: n₀ + n steps per trajectory as in the class comment.
     *
     * @throws IllegalArgumentException if an s_0 or k does not fit the map
     */
    public static Result[] of(TangentMap map, double[][] s0, Settings settings) {
        int n = map.dimension();
        int k = settings.exponents();
        int count = s0.length;
        if (count < 1) {
            throw new IllegalArgumentException("At least one s0 is needed");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exponents exceed the dimension n = " + n);
        }
        double[] states = new double[count * n];
        for (int p = 0; p < count; p++) {
            if (s0[p].length != n) {
                throw new IllegalArgumentException("s0 has " + s0[p].length + " coordinates, the map " + n);
            }
            System.arraycopy(s0[p], 0, states, p * n, n);
        }
        int block = n * k;
        double[] tangents = new double[count * block];
        HouseholderQr qr = new HouseholderQr(n, k);
        qr.decompose(gaussian(block, settings.seed()));
        qr.q(tangents, 0);
        for (int p = 1; p < count; p++) {
            System.arraycopy(tangents, 0, tangents, p * block, block);
        }

        double[] sumOfLogs = new double[count * k];
        int total = settings.transientSteps() + settings.steps();
        for (int t = 0; t < total; t++) {
            map.advance(states, tangents, count, k);
            for (int p = 0; p < count; p++) {
                qr.decompose(tangents, p * block);
                qr.q(tangents, p * block);
                if (t >= settings.transientSteps()) {
                    for (int j = 0; j < k; j++) {
                        sumOfLogs[p * k + j] += logGrowth(qr.rDiagonal(j));
                    }
                }
            }
        }
        Result[] results = new Result[count];
        for (int p = 0; p < count; p++) {
            double[] exponents = new double[k];
            for (int j = 0; j < k; j++) {
                exponents[j] = sumOfLogs[p * k + j] / settings.steps();
            }
            results[p] = new Result(exponents, Arrays.copyOfRange(states, p * n, (p + 1) * n),
                    Arrays.copyOfRange(tangents, p * block, (p + 1) * block));
        }
        return results;
    }

    /**
     * λ_1 alone by the tangent-vector method: {@link #of} with k = 1, where the QR of one column is
     * v ← J·v/‖J·v‖ and log|R_11| = log‖J·v‖. Preconditions and cost as {@link #of} with k = 1 (2n² flops per step
     * besides the map).
     */
    public static double largest(MapWithJacobian map, double[] s0, int transientSteps, int steps, long seed) {
        return of(map, s0, new Settings(1, transientSteps, steps, seed)).exponents()[0];
    }

    /** Independent standard Gaussian entries: a random matrix whose column space is uniformly distributed. */
    private static double[] gaussian(int length, long seed) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
