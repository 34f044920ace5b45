package org.descentobservatory.analyzer.compute.lyapunov;

/**
 * log|det A| by LU decomposition with partial pivoting (Golub &amp; Van Loan, Alg. 3.4.1): |det A| = Π|U_ii|.
 * A reference independent of {@link org.descentobservatory.blas.HouseholderQr}, for the identity Σ_j λ_j = ⟨log|det J_t|⟩. Cost: 2n³/3 flops.
 */
public final class LuLogDeterminant {

    private LuLogDeterminant() {
    }

    /** log|det A| for A column-major n×n (not modified); −∞ for a singular A. */
    public static double of(double[] a, int n) {
        double[] lu = a.clone();
        double logDet = 0;
        for (int p = 0; p < n; p++) {
            int pivot = p;
            for (int r = p + 1; r < n; r++) {
                if (Math.abs(lu[p * n + r]) > Math.abs(lu[p * n + pivot])) {
                    pivot = r;
                }
            }
            if (lu[p * n + pivot] == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            for (int c = p; c < n; c++) {
                double swap = lu[c * n + p];
                lu[c * n + p] = lu[c * n + pivot];
                lu[c * n + pivot] = swap;
            }
            double diagonal = lu[p * n + p];
            logDet += Math.log(Math.abs(diagonal));
            for (int r = p + 1; r < n; r++) {
                double multiplier = lu[p * n + r] / diagonal;
                for (int c = p + 1; c < n; c++) {
                    lu[c * n + r] -= multiplier * lu[c * n + p];
                }
            }
        }
        return logDet;
    }
}
