package org.descentobservatory.blas;

import org.bytedeco.openblas.global.openblas;

import java.nio.DoubleBuffer;

/**
 * Thin QR decomposition A = Q·R of a column-major n×k matrix (k ≤ n) by Householder reflections, computed by
 * LAPACK's {@code dgeqrf} (R and the reflectors) and {@code dorgqr} (the thin Q) in the OpenBLAS build ND4J loads,
 * called straight through JavaCPP: for the re-orthonormalisation step of a Lyapunov-spectrum computation, which needs
 * Q, with orthonormal columns, and R's diagonal, whose |R_jj| are the growth factors.
 *
 * <p>Method: Golub &amp; Van Loan, <i>Matrix Computations</i> (4th ed., 2013), Alg. 5.1.1 (Householder vector, LAPACK
 * {@code dlarfg}, which rescales tiny and huge columns) and Alg. 5.2.1 (Householder QR, {@code dgeqr2}, blocked by
 * {@code dgeqrf} for k above its crossover); Q = H_0·H_1·…·H_{k−1}·[I_k; 0] formed backwards by {@code dorgqr}. For
 * column j the reflector maps A[j:n, j] onto R_jj·e_j, R_jj = −sign(A_jj)·‖A[j:n, j]‖ (a zero sub-column gives
 * R_jj = 0 and H_j = I). Householder rather than Gram–Schmidt because the columns J·Q of a contracting map are nearly
 * parallel, and Householder keeps ‖QᵀQ − I‖ at O(n·ε) regardless of their conditioning. Reference: LAPACK 3.9
 * (Anderson et al., <i>LAPACK Users' Guide</i>, 3rd ed., SIAM 1999), as bundled with OpenBLAS 0.3.19.
 *
 * <p>Cost: 2nk² − 2k³/3 flops for R plus the same for Q, i.e. O(n·k²), and two copies of n·k doubles between the
 * caller's array and the native buffer; for n = 120, k = 10 ~6 µs, where the same algorithm in plain Java took ~11 µs
 * (its dot products are reductions, which C2 does not vectorise; docs/benchmarks.md). Memory: direct buffers of
 * n·k + k + workspace doubles, allocated once. Not thread-safe: one instance per thread.
 */
public final class HouseholderQr {

    private final int rows;
    private final int columns;
    /** A, overwritten by {@code dgeqrf} (R above the diagonal, the reflectors below), then by Q. Column-major. */
    private final DoubleBuffer factors;
    /** The reflectors' scalars τ_j. */
    private final DoubleBuffer tau;
    private final DoubleBuffer workspace;
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
        this.factors = Dgemm.direct(rows * columns);
        this.tau = Dgemm.direct(columns);
        this.workspace = Dgemm.direct(workspaceLength(rows, columns));
        this.rDiagonal = new double[columns];
    }

    /**
     * Decomposes A. Preconditions: {@code a} column-major n×k with finite entries; {@code a} itself is not modified.
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
        factors.put(0, a, offset, rows * columns);
        check("dgeqrf", openblas.LAPACKE_dgeqrf_work(openblas.LAPACK_COL_MAJOR, rows, columns, factors, rows, tau,
                workspace, workspace.capacity()));
        for (int j = 0; j < columns; j++) {
            rDiagonal[j] = factors.get(j * rows + j);
        }
    }

    /** R_jj of the last decomposition (signed; |R_jj| is the growth factor of direction j). */
    public double rDiagonal(int j) {
        return rDiagonal[j];
    }

    /**
     * Writes the thin Q of the last decomposition into {@code q}, column-major n×k, orthonormal columns. Precondition:
     * {@code q} of length n·k; called at most once per {@link #decompose} (it overwrites the reflectors). Cost:
     * 2nk² − 2k³/3 flops.
     */
    public void q(double[] q) {
        if (q.length != rows * columns) {
            throw new IllegalArgumentException("Q must have n·k = " + rows * columns + " entries, has " + q.length);
        }
        q(q, 0);
    }

    /** {@link #q(double[])} into [offset, offset + n·k) of {@code q}. Precondition: that range lies in {@code q}. */
    public void q(double[] q, int offset) {
        check("dorgqr", openblas.LAPACKE_dorgqr_work(openblas.LAPACK_COL_MAJOR, rows, columns, columns, factors, rows,
                tau, workspace, workspace.capacity()));
        factors.get(0, q, offset, rows * columns);
    }

    /** The larger of dgeqrf's and dorgqr's optimal workspace for n×k, by LAPACK's workspace query (lwork = −1). */
    private static int workspaceLength(int rows, int columns) {
        DoubleBuffer a = Dgemm.direct(rows * columns);
        DoubleBuffer tau = Dgemm.direct(columns);
        DoubleBuffer optimal = Dgemm.direct(1);
        check("dgeqrf", openblas.LAPACKE_dgeqrf_work(openblas.LAPACK_COL_MAJOR, rows, columns, a, rows, tau, optimal,
                -1));
        int length = (int) optimal.get(0);
        check("dorgqr", openblas.LAPACKE_dorgqr_work(openblas.LAPACK_COL_MAJOR, rows, columns, columns, a, rows, tau,
                optimal, -1));
        return Math.max(Math.max(length, (int) optimal.get(0)), columns);
    }

    /** LAPACK's info: &lt; 0 names an illegal argument, a bug here rather than bad data. */
    private static void check(String routine, int info) {
        if (info != 0) {
            throw new IllegalStateException(routine + " rejected argument " + -info + " (LAPACK info " + info + ")");
        }
    }
}
