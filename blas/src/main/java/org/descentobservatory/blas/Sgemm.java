package org.descentobservatory.blas;

import org.bytedeco.openblas.global.openblas_nolapack;

import java.nio.FloatBuffer;

/**
 * Single-precision matrix products C = op(A)·op(B) + β·C on row-major matrices in direct {@link FloatBuffer}s, by
 * OpenBLAS's {@code cblas_sgemm} (Lawson et al. 1979; Goto & van de Geijn 2008), called straight through JavaCPP.
 * <p>
 * Why not {@code Nd4j.gemm}: ND4J 1.0.0-M2.1 spends about 20 µs in every call before any arithmetic (measured: a 2×2
 * product costs as much as that), while the trainer's LSTM recurrence needs a thousand [32, 60]·[60, 240] products
 * per minibatch of about 25 µs of arithmetic each. JavaCPP's call costs ~0.2 µs. The library is the {@code openblas_nolapack}
 * build that ND4J's CPU backend itself loads (org.bytedeco:openblas, a dependency of nd4j-native), so the same code
 * and thread settings ({@code OMP_NUM_THREADS}) apply.
 * <p>
 * Each matrix is given by a buffer whose position is the first element; the buffers must be direct. Cost:
 * 2·m·n·k flops. The float64 counterpart is {@link Dgemm}.
 */
public final class Sgemm {

    private Sgemm() {
    }

    /**
     * C[m, n] = op(A)[m, k] · op(B)[k, n] + β·C, row-major, op(X) = Xᵀ when {@code transX}; A is stored [m, k] or,
     * transposed, [k, m], likewise B.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                         FloatBuffer a, FloatBuffer b, float beta, FloatBuffer c) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, RowMajor.op(transA), RowMajor.op(transB), m, n, k,
                1f, a, RowMajor.leadingDimension(transA, m, k), b, RowMajor.leadingDimension(transB, k, n), beta, c, n);
    }
}
