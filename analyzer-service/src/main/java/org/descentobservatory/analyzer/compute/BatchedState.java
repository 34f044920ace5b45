package org.descentobservatory.analyzer.compute;

import org.descentobservatory.blas.Shares;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * What the states of both cells share: the hidden states h of N trajectories, [N, H] row-major in ND4J's native
 * memory (so {@link #h()} is a live INDArray and the step's gemm reads it in place through {@link #hidden}), and the
 * scratch space of one step per thread ({@link Scratch}), so that stepping allocates nothing. The chunks of
 * trajectories are split into one contiguous share per thread ({@link Shares}). Mutable, not thread-safe: one step at a time.
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
    /**
     * Trajectories per chunk: whatever the number of threads, a step multiplies the same chunks, so OpenBLAS sees the
     * same products and the result does not depend on the threads (its kernels round edge rows differently).
     */
    final int chunkRows;
    /** ⌈N / chunkRows⌉. */
    final int chunks;
    /** One per thread that steps this state; thread i steps a contiguous share of whole chunks. */
    final Scratch[] scratch;

    /**
     * N trajectories of H units, all zero, for a cell with {@code gates} gate blocks whose step needs {@code blocks}
     * ≥ gates arrays of [chunk, H], stepped by {@code threads} threads (at most N are used).
     */
    BatchedState(int trajectories, int hiddenSize, int gates, int blocks, int threads) {
        this.h = zeroMatrix(trajectories, hiddenSize);
        this.hiddenSize = hiddenSize;
        this.hidden = h.data().asNioDouble();
        this.chunkRows = Math.min(CHUNK_ROWS, trajectories);
        this.chunks = (trajectories + chunkRows - 1) / chunkRows;
        int shares = Math.min(Shares.requireThreads(threads), chunks);
        this.scratch = new Scratch[shares];
        for (int i = 0; i < shares; i++) {
            scratch[i] = new Scratch(chunkRows, gates, blocks, hiddenSize);
        }
    }

    /** A DOUBLE zero matrix, row-major: its native buffer is the matrix itself (offset 0, no strides). */
    static INDArray zeroMatrix(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("A state needs N >= 1 trajectories of H >= 1 units, got N = " + rows
                    + ", H = " + columns);
        }
        return Nd4j.zeros(DataType.DOUBLE, rows, columns);
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

    /** The step's working space for one chunk of trajectories, owned by one thread. */
    static final class Scratch {

        /** z = h·RW of the current chunk, [rows, gates·H] row-major, direct (written by the gemm). */
        final DoubleBuffer products;
        /**
         * [rows, H] arrays: first the gate blocks of z + drive (block k = gate k), then whatever else the cell needs.
         */
        final double[][] blocks;
        /** The drive of the chunk's rows split by gate like the first {@code gates} {@link #blocks}. */
        private final double[][] driveBlocks;
        /**
         * The values of the one-row drive {@link #driveBlocks} hold for every row (the zero input's b, the same array
         * every step), or null: gathered once, not every step.
         */
        private double[] sharedDrive;
        private final int gates;
        final Activations activations;

        private Scratch(int chunkRows, int gates, int blocks, int hiddenSize) {
            this.gates = gates;
            this.products = ByteBuffer.allocateDirect(chunkRows * gates * hiddenSize * Double.BYTES)
                    .order(ByteOrder.nativeOrder()).asDoubleBuffer();
            this.blocks = new double[blocks][chunkRows * hiddenSize];
            this.driveBlocks = new double[gates][chunkRows * hiddenSize];
            this.activations = new Activations(chunkRows * hiddenSize);
        }

        /**
         * The gate blocks of {@link #blocks} ← {@link #products} + the drive of trajectories [first, first + rows),
         * split by gate so that each gate's loops run over rows·H contiguous values. z and the drive are copied
         * segment by segment (bulk copies), then added in one loop per gate: a loop of H = 60 iterations, as a
         * per-segment addition would be, runs mostly in C2's scalar post-loop (its vector loops are unrolled). The
         * zero input's drive is gathered only at its first step. Cost: rows·gates copies of H values (twice that
         * for a token drive) and rows·gates·H additions.
         */
        void addDrive(DriveRows drive, int first, int rows, int hiddenSize) {
            int width = gates * hiddenSize;
            for (int q = 0; q < rows; q++) {
                for (int gate = 0; gate < gates; gate++) {
                    products.get(q * width + gate * hiddenSize, blocks[gate], q * hiddenSize, hiddenSize);
                }
            }
            gatherDrive(drive, first, rows, hiddenSize);
            int length = rows * hiddenSize;
            for (int gate = 0; gate < gates; gate++) {
                double[] block = blocks[gate];
                double[] driveBlock = driveBlocks[gate];
                for (int k = 0; k < length; k++) {
                    block[k] += driveBlock[k];
                }
            }
        }

        /** {@link #driveBlocks} ← the drive of rows [first, first + rows), unless they already hold a shared row. */
        private void gatherDrive(DriveRows drive, int first, int rows, int hiddenSize) {
            double[] values = drive.values();
            boolean shared = drive.rowStarts() == null;
            if (shared && values == sharedDrive) {
                return;
            }
            // A shared row fills every row of the blocks, so that any later chunk, of any size, can reuse them.
            int filled = shared ? driveBlocks[0].length / hiddenSize : rows;
            for (int q = 0; q < filled; q++) {
                int start = drive.start(first + q);
                for (int gate = 0; gate < gates; gate++) {
                    System.arraycopy(values, start + gate * hiddenSize, driveBlocks[gate], q * hiddenSize, hiddenSize);
                }
            }
            sharedDrive = shared ? values : null;
        }
    }
}
