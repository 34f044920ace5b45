package org.descentobservatory.analyzer.compute;

import java.util.function.UnaryOperator;

/**
 * Checks an analytic Jacobian against central differences of the map itself: column j of J ≈ (F(s + δe_j) −
 * F(s − δe_j)) / 2δ, with error O(δ²) (e.g. Nocedal &amp; Wright, Numerical Optimization, §8.1).
 */
final class CentralDifferences {

    private CentralDifferences() {
    }

    /**
     * @param maxError largest |analytic − central difference| over all entries
     * @param maxEntry largest |analytic| entry, the scale the error is judged against
     */
    record Comparison(double maxError, double maxEntry) {

        double relativeError() {
            return maxError / maxEntry;
        }
    }

    /**
     * @param s         the point, of dimension n
     * @param analytic  the analytic Jacobian at s, column-major n×n (column j = response to coordinate j)
     * @param stepBatch the map applied to each row of a batch of states
     * @param delta     the difference step δ
     */
    static Comparison compare(double[] s, double[] analytic, UnaryOperator<double[][]> stepBatch, double delta) {
        int n = s.length;
        // Rows 2j and 2j + 1: s ± δ·e_j, all stepped in one batch.
        double[][] shifted = new double[2 * n][];
        for (int j = 0; j < n; j++) {
            shifted[2 * j] = s.clone();
            shifted[2 * j][j] += delta;
            shifted[2 * j + 1] = s.clone();
            shifted[2 * j + 1][j] -= delta;
        }
        double[][] images = stepBatch.apply(shifted);
        double maxError = 0;
        double maxEntry = 0;
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < n; r++) {
                double centralDifference = (images[2 * j][r] - images[2 * j + 1][r]) / (2 * delta);
                maxError = Math.max(maxError, Math.abs(centralDifference - analytic[j * n + r]));
                maxEntry = Math.max(maxEntry, Math.abs(analytic[j * n + r]));
            }
        }
        return new Comparison(maxError, maxEntry);
    }
}
