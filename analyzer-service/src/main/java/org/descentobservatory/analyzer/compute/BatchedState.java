package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * What the states of both cells share: the hidden states h of N trajectories, [N, H] row-major in ND4J's native
 * memory (so {@link #h()} is a live INDArray and the step's gemm reads it in place through {@link #hidden}), and the
 * scratch space of one step, sized for a chunk of {@link #CHUNK_ROWS} trajectories so that stepping allocates
 * nothing and a chunk's gate pre-activations stay in the core's L2 cache between the gemm and the gate loop
 * ({@link TokenDrivenCell}). Mutable, not thread-safe.
 */
public abstract class BatchedState implements RecurrentState {

    /**
     * Trajectories per chunk of a step. 64 rows of 4H = 240 doubles are 123 kB, within the 512 kB L2 of the
     * project's EPYC cores together with the gate arrays; a 64×60 by 60×240 gemm runs at ~80 % of OpenBLAS's peak.
     */
    static final int CHUNK_ROWS = 64;

    private final INDArray h;
    private final int hiddenSize;
    /** h's native memory, row-major [N, H]. */
    final DoubleBuffer hidden;
    /** z = h·RW of the current chunk, [rows, gates·H] row-major, direct (written by the gemm). */
    final DoubleBuffer products;
    /** {@link #products} copied to the heap. */
    private final double[] productRows;
    /** z + drive of the current chunk, gate-major: {@code gates[k]} is gate block k, [rows, H] row-major. */
    final double[][] gates;
    final Activations activations;

    /** N trajectories of H units, all zero, for a cell of {@code gates} gate blocks. */
    BatchedState(int trajectories, int hiddenSize, int gates) {
        this.h = zeroMatrix(trajectories, hiddenSize);
        this.hiddenSize = hiddenSize;
        this.hidden = h.data().asNioDouble();
        int chunk = chunkRows(trajectories);
        this.products = ByteBuffer.allocateDirect(chunk * gates * hiddenSize * Double.BYTES)
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
        this.productRows = new double[chunk * gates * hiddenSize];
        this.gates = new double[gates][chunk * hiddenSize];
        this.activations = new Activations(chunk * hiddenSize);
    }

    /** A DOUBLE zero matrix, row-major: its native buffer is the matrix itself (offset 0, no strides). */
    static INDArray zeroMatrix(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("A state needs N >= 1 trajectories of H >= 1 units, got N = " + rows
                    + ", H = " + columns);
        }
        return Nd4j.zeros(DataType.DOUBLE, rows, columns);
    }

    /** The chunk of a step for N trajectories. */
    static int chunkRows(int trajectories) {
        return Math.min(CHUNK_ROWS, trajectories);
    }

    /** The hidden states h, [N, H] (a live view: it changes with every step, and writing it sets h). */
    @Override
    public final INDArray h() {
        return h;
    }

    @Override
    public final int trajectories() {
        return (int) h.rows();
    }

    /** H. */
    final int hiddenSize() {
        return hiddenSize;
    }

    /** h's buffer positioned at trajectory {@code first}, for the gemm of a chunk. */
    final DoubleBuffer hiddenFrom(int first) {
        return hidden.duplicate().position(first * hiddenSize);
    }

    /**
     * {@link #gates} ← {@link #products} + the drive of trajectories [first, first + rows), split into the gate
     * blocks so that each gate's loops run over rows·H contiguous values. Cost: rows·gates·H additions.
     */
    final void addDrive(DriveRows drive, int first, int rows) {
        int h = hiddenSize;
        int width = gates.length * h;
        products.get(0, productRows, 0, rows * width);
        double[] values = drive.values();
        for (int q = 0; q < rows; q++) {
            int start = drive.start(first + q);
            for (int gate = 0; gate < gates.length; gate++) {
                double[] block = gates[gate];
                int from = q * width + gate * h;
                int driveFrom = start + gate * h;
                int to = q * h;
                for (int m = 0; m < h; m++) {
                    block[to + m] = productRows[from + m] + values[driveFrom + m];
                }
            }
        }
    }
}
