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
        decompose(a, 0);
    }

    /**
     * {@link #decompose(double[])} of the n×k matrix stored column-major at [offset, offset + n·k) of {@code a} (one
     * block of a batch). Precondition: that range lies in {@code a}.
     */
    public void decompose(double[] a, int offset) {
        System.arraycopy(a, offset, qr, 0, rows * columns);
        for (int j = 0; j < columns; j++) {
            int base = j * rows;
            double norm = Math.sqrt(dot(qr, base + j, qr, base + j, rows - j));
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
            double inverse = 1 / v0;
            for (int r = j + 1; r < rows; r++) {
                qr[base + r] *= inverse;
            }
            qr[base + j] = alpha;
            rDiagonal[j] = alpha;
            reflect(j, qr, (j + 1) * rows, columns - j - 1);
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
        q(q, 0);
    }

    /** {@link #q(double[])} into [offset, offset + n·k) of {@code q}. Precondition: that range lies in {@code q}. */
    public void q(double[] q, int offset) {
        Arrays.fill(q, offset, offset + rows * columns, 0);
        for (int c = 0; c < columns; c++) {
            q[offset + c * rows + c] = 1;
        }
        // Backwards: when H_j is applied, columns c < j of the partial product are still e_c, which H_j fixes.
        for (int j = columns - 1; j >= 0; j--) {
            reflect(j, q, offset + j * rows, columns - j);
        }
    }

    /**
     * y ← H_j·y, i.e. y −= β_j·(v_jᵀy)·v_j, for the {@code count} adjacent columns y of {@code target} starting at
     * {@code offset}, four at a time so that each load of v_j serves four independent dot products (C2 leaves a
     * floating-point reduction scalar; four running sums also hide the addition's latency).
     */
    private void reflect(int j, double[] target, int offset, int count) {
        if (beta[j] == 0) {
            return;
        }
        int base = j * rows;
        int length = rows - j - 1;
        int c = 0;
        for (; c + 3 < count; c += 4) {
            int y0 = offset + c * rows;
            int y1 = y0 + rows;
            int y2 = y1 + rows;
            int y3 = y2 + rows;
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            for (int r = j + 1; r < rows; r++) {
                double v = qr[base + r];
                a0 = Math.fma(v, target[y0 + r], a0);
                a1 = Math.fma(v, target[y1 + r], a1);
                a2 = Math.fma(v, target[y2 + r], a2);
                a3 = Math.fma(v, target[y3 + r], a3);
            }
            axpy(j, target, y0, beta[j] * (target[y0 + j] + a0));
            axpy(j, target, y1, beta[j] * (target[y1 + j] + a1));
            axpy(j, target, y2, beta[j] * (target[y2 + j] + a2));
            axpy(j, target, y3, beta[j] * (target[y3 + j] + a3));
        }
        for (; c < count; c++) {
            int y = offset + c * rows;
            axpy(j, target, y, beta[j] * (target[y + j] + dot(qr, base + j + 1, target, y + j + 1, length)));
        }
    }
    /** y −= scale·v_j for the column y of {@code target} starting at {@code offset} (v_j[j] = 1). */
    private void axpy(int j, double[] target, int offset, double scale) {
        int base = j * rows;
        target[offset + j] -= scale;
        for (int r = j + 1; r < rows; r++) {
            target[offset + r] -= scale * qr[base + r];
        }
    }

    /**
     * Σ x[xOffset + r]·y[yOffset + r] over r &lt; length, in four interleaved partial sums: C2 does not vectorise a
     * floating-point reduction (it would reorder it), and one running sum waits on each addition's latency; four
     * independent ones keep the FMA units busy.
     */
    private static double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < length; r += 4) {
            s0 = Math.fma(x[xOffset + r], y[yOffset + r], s0);
            s1 = Math.fma(x[xOffset + r + 1], y[yOffset + r + 1], s1);
            s2 = Math.fma(x[xOffset + r + 2], y[yOffset + r + 2], s2);
            s3 = Math.fma(x[xOffset + r + 3], y[yOffset + r + 3], s3);
        }
        for (; r < length; r++) {
            s0 = Math.fma(x[xOffset + r], y[yOffset + r], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
