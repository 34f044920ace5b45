package org.descentobservatory.blas;

import org.bytedeco.openblas.global.openblas_nolapack;

/** The CBLAS arguments that describe a row-major operand op(X), shared by {@link Sgemm} and {@link Dgemm}. */
final class RowMajor {

    private RowMajor() {
    }

    /** CBLAS's code for op(X) = Xᵀ or X. */
    static int op(boolean transposed) {
        return transposed ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /** The row length of X stored row-major, op(X) being [rows, columns]: X is [columns, rows] if transposed. */
    static int leadingDimension(boolean transposed, int rows, int columns) {
        return transposed ? rows : columns;
    }
}
