package org.descentobservatory.blas;

import org.junit.jupiter.api.Test;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of the thin QR that define it, QᵀQ = I and QᵀA upper triangular with diagonal R_jj, and its edge cases
 * (nearly parallel columns, a zero column), on seeded Gaussian matrices; the products QᵀQ and QᵀA by {@link Dgemm}.
 */
class HouseholderQrTest {

    private static final long SEED = 11;
    /**
     * ‖QᵀQ − I‖_max and |(QᵀA)_ij| below the diagonal relative to ‖A‖: Householder QR is backward stable with
     * orthogonality loss O(n·ε) (Golub &amp; Van Loan, Sec. 5.2.2): for n ≤ 120, ~3e-14.
     */
    private static final double ORTHONORMAL = 1e-12;

    @Test
    void qIsOrthonormalAndQTransposeAIsUpperTriangularWithDiagonalR() {
        for (int[] shape : new int[][]{{120, 10}, {120, 120}, {7, 1}, {5, 3}}) {
            int n = shape[0];
            int k = shape[1];
            double[] a = gaussian(n * k, new Random(SEED + n + k));
            HouseholderQr qr = new HouseholderQr(n, k);

            qr.decompose(a);
            double[] q = new double[n * k];
            qr.q(q);

            double scale = maxAbs(a);
            double[] qta = transposeTimes(q, a, n, k);
            double[] qtq = transposeTimes(q, q, n, k);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double expected = i == j ? 1 : 0;
                    assertThat(qtq[j * k + i]).isCloseTo(expected, within(ORTHONORMAL));
                    if (i > j) {
                        assertThat(qta[j * k + i] / scale).isCloseTo(0, within(ORTHONORMAL));
                    }
                }
                assertThat(qta[i * k + i] / scale).isCloseTo(qr.rDiagonal(i) / scale, within(ORTHONORMAL));
            }
        }
    }

    @Test
    void nearlyParallelColumnsStillGiveAnOrthonormalQ() {
        // Columns 1e-12 apart in direction: classical Gram–Schmidt would lose orthogonality entirely here.
        int n = 40;
        Random random = new Random(SEED);
        double[] base = gaussian(n, random);
        double[] a = new double[n * 3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < n; r++) {
                a[c * n + r] = base[r] + 1e-12 * random.nextGaussian();
            }
        }
        HouseholderQr qr = new HouseholderQr(n, 3);
        qr.decompose(a);
        double[] q = new double[n * 3];
        qr.q(q);

        double[] qtq = transposeTimes(q, q, n, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(qtq[j * 3 + i]).isCloseTo(i == j ? 1 : 0, within(ORTHONORMAL));
            }
        }
        assertThat(Math.abs(qr.rDiagonal(2))).isLessThan(1e-10).isGreaterThan(0);
    }

    @Test
    void aZeroColumnGivesAZeroDiagonalEntryAndStillAnOrthonormalQ() {
        int n = 6;
        double[] a = gaussian(n * 3, new Random(SEED));
        Arrays.fill(a, n, 2 * n, 0);
        HouseholderQr qr = new HouseholderQr(n, 3);

        qr.decompose(a);
        double[] q = new double[n * 3];
        qr.q(q);

        assertThat(qr.rDiagonal(1)).isZero();
        double[] qtq = transposeTimes(q, q, n, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(qtq[i * 3 + i]).isCloseTo(1, within(ORTHONORMAL));
        }
    }

    @Test
    void rejectsMoreColumnsThanRowsAndWrongLengths() {
        assertThatThrownBy(() -> new HouseholderQr(3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 <= k <= n");
        assertThatThrownBy(() -> new HouseholderQr(3, 2).decompose(new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n·k = 6");
    }

    /**
     * XᵀY for column-major n×k X and Y, column-major k×k, by {@link Dgemm}: read row-major, X and Y are k×n and the
     * result is (XᵀY)ᵀ = Y·Xᵀ in those terms.
     */
    private static double[] transposeTimes(double[] x, double[] y, int n, int k) {
        DoubleBuffer product = Dgemm.direct(k * k);
        Dgemm.multiply(false, true, k, k, n, Dgemm.direct(n * k).put(0, y), Dgemm.direct(n * k).put(0, x), 0, product);
        double[] values = new double[k * k];
        product.get(0, values);
        return values;
    }

    private static double[] gaussian(int length, Random random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
