package org.descentobservatory.analyzer.compute.lyapunov;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Benettin routine on maps whose exponents are known in closed form. */
class LyapunovSpectrumTest {

    private static final long SEED = 2026;

    /**
     * Eigenvalues of the linear test map, moduli 0.9 … 0.1 with consecutive ratios ≤ 3/4 (see
     * {@link LyapunovTolerances#LINEAR_MAP}); moduli below 1 so the state decays instead of overflowing.
     */
    private static final double[] MU = {0.9, -0.6, 0.45, 0.3, -0.2, 0.1};

    /** s' = A·s with A = P·T·P, T upper triangular with diagonal μ, P = I − 2uuᵀ a reflection: eigenvalues μ. */
    private record LinearMap(double[] a, int n) implements MapWithJacobian {

        static LinearMap withEigenvalues(double[] mu, long seed) {
            int n = mu.length;
            Random random = new Random(seed);
            double[] t = new double[n * n];
            for (int c = 0; c < n; c++) {
                t[c * n + c] = mu[c];
                for (int r = 0; r < c; r++) {
                    t[c * n + r] = random.nextGaussian();
                }
            }
            double[] u = TestMatrices.gaussian(n, random);
            double norm = Math.sqrt(dot(u, u));
            double[] p = new double[n * n];
            for (int c = 0; c < n; c++) {
                for (int r = 0; r < n; r++) {
                    p[c * n + r] = (r == c ? 1 : 0) - 2 * u[r] * u[c] / (norm * norm);
                }
            }
            return new LinearMap(times(p, times(t, p, n), n), n);
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public void step(double[] s, double[] next, double[] jacobian) {
            System.arraycopy(a, 0, jacobian, 0, n * n);
            for (int r = 0; r < n; r++) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    sum += a[c * n + r] * s[c];
                }
                next[r] = sum;
            }
        }
    }

    /** The logistic map x' = r·x·(1 − x), J = r·(1 − 2x). */
    private record LogisticMap(double r) implements MapWithJacobian {

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void step(double[] s, double[] next, double[] jacobian) {
            next[0] = r * s[0] * (1 - s[0]);
            jacobian[0] = r * (1 - 2 * s[0]);
        }
    }

    @Test
    void aLinearMapHasTheLogsOfItsEigenvalueModuliAsSpectrum() {
        LinearMap map = LinearMap.withEigenvalues(MU, SEED);
        double[] s0 = TestMatrices.gaussian(MU.length, new Random(SEED + 1));

        for (int k : new int[]{MU.length, 3, 1}) {
            double[] exponents = LyapunovSpectrum.of(map, s0, new LyapunovSpectrum.Settings(k, 200, 1000, SEED))
                    .exponents();

            assertThat(exponents).hasSize(k);
            for (int j = 0; j < k; j++) {
                assertThat(exponents[j]).as("lambda_%d, k = %d", j + 1, k)
                        .isCloseTo(Math.log(Math.abs(MU[j])), within(LyapunovTolerances.LINEAR_MAP));
            }
        }
    }

    @Test
    void theFinalTangentBasisIsOrthonormal() {
        LinearMap map = LinearMap.withEigenvalues(MU, SEED);
        int k = 4;

        double[] q = LyapunovSpectrum.of(map, new double[MU.length], new LyapunovSpectrum.Settings(k, 10, 500, SEED))
                .tangents();

        double[] qtq = TestMatrices.transposeTimes(q, q, MU.length, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                assertThat(qtq[j * k + i]).isCloseTo(i == j ? 1 : 0, within(LyapunovTolerances.ORTHONORMAL));
            }
        }
    }

    @Test
    void theLogisticMapAtR4HasExponentLn2() {
        // Ulam & von Neumann (1947): at r = 4 the logistic map is conjugate to the tent map, λ = ln 2 exactly.
        double lambda = LyapunovSpectrum.largest(new LogisticMap(4), new double[]{0.3}, 100, 100_000, SEED);

        assertThat(lambda).isCloseTo(Math.log(2), within(LyapunovTolerances.LOGISTIC));
    }

    @Test
    void theLogisticEstimateIsLn2PlusTheTelescopingBoundaryTerm() {
        // Σ_t ln|f'(x_t)| = n ln 2 + ½ln(x_n(1−x_n)) − ½ln(x_0(1−x_0)) exactly at r = 4, since
        // x'(1 − x') = 4x(1 − x)(1 − 2x)²: checks that the routine sums exactly the n logs after the transient.
        int n = 100_000;
        double x0 = 0.3;
        LyapunovSpectrum.Result result = LyapunovSpectrum.of(new LogisticMap(4), new double[]{x0},
                new LyapunovSpectrum.Settings(1, 0, n, SEED));
        double xn = result.state()[0];

        double expected = Math.log(2) + (0.5 * Math.log(xn * (1 - xn)) - 0.5 * Math.log(x0 * (1 - x0))) / n;

        assertThat(result.exponents()[0]).isCloseTo(expected, within(LyapunovTolerances.LOGISTIC_IDENTITY));
    }

    @Test
    void theLogisticMapInItsStableFixedPointRegimeHasTheFixedPointsExponent() {
        // 1 < r < 3: x* = 1 − 1/r attracts with f'(x*) = 2 − r, so λ = ln|2 − r| (closed form).
        double r = 2.5;
        double lambda = LyapunovSpectrum.largest(new LogisticMap(r), new double[]{0.3}, 200, 1000, SEED);

        assertThat(lambda).isCloseTo(Math.log(Math.abs(2 - r)), within(LyapunovTolerances.LINEAR_MAP));
    }

    @Test
    void theLuReferenceGivesAKnownDeterminant() {
        // A = column permutation of an upper-triangular matrix: |det A| = Π|diag|, whatever the permutation.
        int n = 5;
        double[] diagonal = {2, -0.5, 3, 0.25, -7};
        Random random = new Random(SEED);
        double[] t = new double[n * n];
        for (int c = 0; c < n; c++) {
            t[c * n + c] = diagonal[c];
            for (int r = 0; r < c; r++) {
                t[c * n + r] = random.nextGaussian();
            }
        }
        double[] permuted = new double[n * n];
        int[] order = {3, 0, 4, 1, 2};
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                permuted[c * n + r] = t[c * n + order[r]];
            }
        }
        double expected = 0;
        for (double d : diagonal) {
            expected += Math.log(Math.abs(d));
        }

        assertThat(LuLogDeterminant.of(permuted, n)).isCloseTo(expected, within(LyapunovTolerances.LINEAR_MAP));
    }

    @Test
    void aMapThatCollapsesToAPointHasFiniteExponentsAtTheLogFloorNotMinusInfinity() {
        // J = 0 (e.g. a network with all weights zero): every R_jj = 0, log 0 = −∞ would poison the probe mean.
        int n = 3;
        MapWithJacobian collapse = new MapWithJacobian() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void step(double[] s, double[] next, double[] jacobian) {
                Arrays.fill(next, 0);
                Arrays.fill(jacobian, 0);
            }
        };

        double[] exponents = LyapunovSpectrum.of(collapse, new double[]{1, 2, 3},
                new LyapunovSpectrum.Settings(n, 5, 20, 1)).exponents();

        // Mean of 20 equal logs: the floor up to the rounding of the sum.
        assertThat(exponents).containsOnly(new double[]{LyapunovSpectrum.LOG_GROWTH_FLOOR}, within(1e-9));
        assertThat(LyapunovSpectrum.LOG_GROWTH_FLOOR).isFinite().isLessThan(-700);
    }

    @Test
    void rejectsInconsistentSettings() {
        LinearMap map = LinearMap.withEigenvalues(MU, SEED);
        assertThatThrownBy(() -> new LyapunovSpectrum.Settings(0, 0, 1, SEED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> new LyapunovSpectrum.Settings(1, -1, 1, SEED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transient");
        assertThatThrownBy(() -> new LyapunovSpectrum.Settings(1, 0, 0, SEED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averaging steps");
        assertThatThrownBy(() -> LyapunovSpectrum.of(map, new double[MU.length],
                new LyapunovSpectrum.Settings(MU.length + 1, 0, 1, SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed the dimension");
        assertThatThrownBy(() -> LyapunovSpectrum.of(map, new double[2], new LyapunovSpectrum.Settings(1, 0, 1, SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s0 has 2 coordinates");
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** X·Y for column-major n×n matrices. */
    private static double[] times(double[] x, double[] y, int n) {
        double[] product = new double[n * n];
        for (int c = 0; c < n; c++) {
            for (int m = 0; m < n; m++) {
                for (int r = 0; r < n; r++) {
                    product[c * n + r] += x[m * n + r] * y[c * n + m];
                }
            }
        }
        return product;
    }
}
