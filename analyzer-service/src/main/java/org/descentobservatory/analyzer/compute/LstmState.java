package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The states s = (h, c) of N LSTM trajectories advanced together, one trajectory per row, in double precision,
 * with the scratch space {@link LstmCell#step} needs so that stepping allocates nothing.
 * Mutable: {@link LstmCell#step} overwrites {@link #h()} and {@link #c()} in place. Not thread-safe.
 */
public final class LstmState implements RecurrentState {

    private final INDArray h;
    private final INDArray c;
    /** Pre-activations z, [N, 4H], then the gate values in place. */
    final INDArray z;
    /** tanh(c'), [N, H]. */
    final INDArray tanhC;

    private LstmState(INDArray h, INDArray c) {
        if (h.rank() != 2 || !java.util.Arrays.equals(h.shape(), c.shape())) {
            throw new IllegalArgumentException("h and c must both be [N, H], are "
                    + java.util.Arrays.toString(h.shape()) + " and " + java.util.Arrays.toString(c.shape()));
        }
        this.h = h;
        this.c = c;
        this.z = columnMajorZeros(h.rows(), 4 * h.columns());
        this.tanhC = columnMajorZeros(h.rows(), h.columns());
    }

    /** N trajectories starting from h = c = 0. */
    public static LstmState zeros(int trajectories, int hiddenSize) {
        return new LstmState(columnMajorZeros(trajectories, hiddenSize), columnMajorZeros(trajectories, hiddenSize));
    }

    /**
     * A DOUBLE zero matrix in column-major ('f') order. All of the step's arrays are column-major so that each gate
     * block z[:, kH:(k+1)H] is one contiguous buffer and every element-wise operation pairs buffers of the same
     * order: ND4J's fast path. Row-major gate blocks are strided views, which measured ~1.5× slower per step
     * (docs/benchmarks.md).
     */
    static INDArray columnMajorZeros(long rows, long columns) {
        return Nd4j.zeros(DataType.DOUBLE, rows, columns).dup('f');
    }

    /** The hidden states h, [N, H] (a live view: it changes with every step). */
    @Override
    public INDArray h() {
        return h;
    }

    /** The cell states c, [N, H] (a live view: it changes with every step). */
    public INDArray c() {
        return c;
    }

    /** N, the number of trajectories. */
    @Override
    public int trajectories() {
        return (int) h.rows();
    }

    /** s = (h, c) per trajectory: s[0, H) = h, s[H, 2H) = c, the layout of {@code LstmJacobian}. */
    @Override
    public double[][] stateVectors() {
        double[][] hRows = h.toDoubleMatrix();
        double[][] cRows = c.toDoubleMatrix();
        int hiddenSize = (int) h.columns();
        double[][] states = new double[hRows.length][2 * hiddenSize];
        for (int i = 0; i < hRows.length; i++) {
            System.arraycopy(hRows[i], 0, states[i], 0, hiddenSize);
            System.arraycopy(cRows[i], 0, states[i], hiddenSize, hiddenSize);
        }
        return states;
    }
}
