package org.descentobservatory.blas;

import org.bytedeco.openblas.global.openblas_nolapack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Double-precision matrix products C = op(A)·op(B) + β·C on row-major matrices in direct {@link DoubleBuffer}s, by
 * OpenBLAS's {@code cblas_dgemm} called straight through JavaCPP: the float64 counterpart of {@link Sgemm}, for the
 * analyzer's recurrent cells, whose per-step [2N, H]·[H, 4H] product would otherwise pay ND4J's ~20 µs per call and
 * force every element-wise step through an ND4J operation. Direct buffers of ND4J arrays
 * ({@code INDArray.data().asNioDouble()}) qualify: they view the array's native memory.
 * <p>
 * Each matrix is given by a buffer whose position is the first element; the buffers must be direct. Cost:
 * 2·m·n·k flops.
 */
public final class Dgemm {

    private Dgemm() {
    }

    /** {@link Sgemm#multiply}'s C = op(A)·op(B) + β·C, in double precision. */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                DoubleBuffer a, DoubleBuffer b, double beta, DoubleBuffer c) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, RowMajor.op(transA), RowMajor.op(transB), m, n, k,
                1.0, a, RowMajor.leadingDimension(transA, m, k), b, RowMajor.leadingDimension(transB, k, n), beta, c, n);
    }

    /** A zeroed direct buffer of {@code length} doubles in native order, as {@link #multiply} takes. */
    public static DoubleBuffer direct(int length) {
        return ByteBuffer.allocateDirect(length * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
