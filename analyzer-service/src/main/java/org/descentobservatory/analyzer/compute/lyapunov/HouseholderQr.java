package org.descentobservatory.analyzer.compute.lyapunov;

import java.util.Arrays;

/**
 * Thin QR decomposition A = Q·R of a column-major n×k matrix (k ≤ n) by Householder reflections, for the
 * re-orthonormalisation step of {@link LyapunovSpectrum}: Q is n×k with orthonormal columns, R is k×k upper
 * triangular, and only R's diagonal is kept because only log|R_jj| enters the exponents.
 *
 * <p>Method: Golub &amp; Van Loan, <i>Matrix Computations</i> (4th ed., 2013), Alg. 5.1.1 (Householder vector) and
 * Alg. 5.2.1 (Householder QR), in the style of EJML's {@code QRDecompositionHouseholder_DDRM}. For column j the
 * reflector H_j = I − β_j·v_j·v_jᵀ (v_j normalised to v_j[j] = 1) maps the sub-column A[j:n, j] onto R_jj·e_j with
 * R_jj = −sign(A_jj)·‖A[j:n, j]‖, the sign that avoids cancellation; Q = H_0·H_1·…·H_{k−1}·[I_k; 0] is then formed
 * by applying the reflectors backwards to the first k columns of the identity. Householder rather than
 * Gram–Schmidt because the columns J·Q of a contracting map are nearly parallel and Householder keeps
 * ‖QᵀQ − I‖ at O(n·ε) regardless of their conditioning.
 *
 * <p>Cost: 2nk² − 2k³/3 flops for R plus the same for Q, i.e. O(n·k²); memory n·k + 2k doubles, allocated once.
 * Not thread-safe: one instance per thread.
 */
public final class HouseholderQr {

    private final int rows;
    private final int columns;
    /** A, overwritten: R above the diagonal, v_j below it (v_j[j] = 1 implicit). Column-major. */
    private final double[] qr;
    private final double[] beta;
    private final double[] rDiagonal;

    /**
     * Workspace for n×k decompositions. Preconditions: 1 ≤ k ≤ n.
     *
     * @throws IllegalArgumentException if the shape is invalid
     */
    public HouseholderQr(int rows, int columns) {
        if (columns < 1 || columns > rows) {
            throw new IllegalArgumentException("Thin QR needs 1 <= k <= n, got n = " + rows + ", k = " + columns);
        }
        this.rows = rows;
        this.columns = columns;
        this.qr = new double[rows * columns];
        this.beta = new double[columns];
        this.rDiagonal = new double[columns];
    }

    /**
     * Decomposes A. Preconditions: {@code a} column-major n×k with finite entries whose squared column norms do
     * not overflow; {@code a} itself is not modified. A zero sub-column gives R_jj = 0 and H_j = I.
     * Cost: 2nk² − 2k³/3 flops.
     */
    public void decompose(double[] a) {
        if (a.length != rows * columns) {
            throw new IllegalArgumentException("A must have n·k = " + rows * columns + " entries, has " + a.length);
        }
        System.arraycopy(a, 0, qr, 0, a.length);
        for (int j = 0; j < columns; j++) {
            int base = j * rows;
            double sumOfSquares = 0;
            for (int r = j; r < rows; r++) {
                sumOfSquares += qr[base + r] * qr[base + r];
            }
            double norm = Math.sqrt(sumOfSquares);
            if (norm == 0) {
                beta[j] = 0;
                rDiagonal[j] = 0;
                continue;
            }
            double ajj = qr[base + j];
            double alpha = ajj >= 0 ? -norm : norm;
            double v0 = ajj - alpha;
            // vᵀv = 2‖x‖(‖x‖ + |x_0|) before scaling v by 1/v0; β = 2/(vᵀv) after it.
            beta[j] = v0 * v0 / (norm * (norm + Math.abs(ajj)));
            for (int r = j + 1; r < rows; r++) {
                qr[base + r] /= v0;
            }
            qr[base + j] = alpha;
            rDiagonal[j] = alpha;
            for (int c = j + 1; c < columns; c++) {
                reflect(j, qr, c * rows);
            }
        }
    }

    /** R_jj of the last decomposition (signed; |R_jj| is the growth factor of direction j). */
    public double rDiagonal(int j) {
        return rDiagonal[j];
    }

    /**
     * Writes the thin Q of the last decomposition into {@code q}, column-major n×k, orthonormal columns.
     * Precondition: {@code q} of length n·k. Cost: 2nk² − 2k³/3 flops.
     */
    public void q(double[] q) {
        if (q.length != rows * columns) {
            throw new IllegalArgumentException("Q must have n·k = " + rows * columns + " entries, has " + q.length);
        }
        Arrays.fill(q, 0);
        for (int c = 0; c < columns; c++) {
            q[c * rows + c] = 1;
        }
        // Backwards: when H_j is applied, columns c < j of the partial product are still e_c, which H_j fixes.
        for (int j = columns - 1; j >= 0; j--) {
            for (int c = j; c < columns; c++) {
                reflect(j, q, c * rows);
            }
        }
    }

    /** y ← H_j·y for the column y starting at {@code offset} of {@code target}: y −= β_j·(v_jᵀy)·v_j. */
    private void reflect(int j, double[] target, int offset) {
        if (beta[j] == 0) {
            return;
        }
        int base = j * rows;
        double dot = target[offset + j];
        for (int r = j + 1; r < rows; r++) {
            dot += qr[base + r] * target[offset + r];
        }
        double scale = beta[j] * dot;
        target[offset + j] -= scale;
        for (int r = j + 1; r < rows; r++) {
            target[offset + r] -= scale * qr[base + r];
        }
    }
}
