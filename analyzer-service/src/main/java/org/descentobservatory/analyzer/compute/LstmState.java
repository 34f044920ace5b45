package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;

/**
 * The states s = (h, c) of N LSTM trajectories advanced together, one trajectory per row, in double precision,
 * with the scratch space {@link LstmCell#step} needs so that stepping allocates nothing.
 * Mutable: {@link LstmCell#step} overwrites {@link #h()} and {@link #c()} in place. Not thread-safe.
 */
public final class LstmState extends BatchedState {

    private final INDArray c;
    /** c's native memory, row-major [N, H]. */
    final DoubleBuffer cells;
    /** The scratch block after the four gates: c of a chunk, [rows, H]. */
    static final int CELL_BLOCK = LstmParameters.GATES;
    /** The first of two scratch blocks after it: the powers 2^n of the gates' exponentials ({@link LstmCell}). */
    static final int POWER_BLOCKS = CELL_BLOCK + 1;

    /** N trajectories from h = c = 0, stepped by {@code threads} threads. Preconditions: N, H, threads ≥ 1. */
    LstmState(int trajectories, int hiddenSize, int threads) {
        super(trajectories, hiddenSize, LstmParameters.GATES, POWER_BLOCKS + 2, threads);
        this.c = zeroMatrix(trajectories, hiddenSize);
        this.cells = c.data().asNioDouble();
    }

    /** N trajectories starting from h = c = 0, stepped by one thread. Preconditions: N ≥ 1, H ≥ 1. */
    public static LstmState zeros(int trajectories, int hiddenSize) {
        return new LstmState(trajectories, hiddenSize, 1);
    }

    /** The cell states c, [N, H] (a live view: it changes with every step, and writing it sets c). */
    public INDArray c() {
        return c;
    }

    /** s = (h, c) per trajectory: s[0, H) = h, s[H, 2H) = c, the layout of {@code LstmJacobian}. */
    @Override
    public double[][] stateVectors() {
        double[][] hRows = h().toDoubleMatrix();
        double[][] cRows = c.toDoubleMatrix();
        int hiddenSize = hiddenSize();
        double[][] states = new double[hRows.length][2 * hiddenSize];
        for (int i = 0; i < hRows.length; i++) {
            System.arraycopy(hRows[i], 0, states[i], 0, hiddenSize);
            System.arraycopy(cRows[i], 0, states[i], hiddenSize, hiddenSize);
        }
        return states;
    }
}
