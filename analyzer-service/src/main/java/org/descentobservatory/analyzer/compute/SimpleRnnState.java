package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden states h of N vanilla-RNN trajectories advanced together, one per row, in double precision (h is the
 * whole state of a {@code SimpleRnn}), with the scratch space {@link SimpleRnnCell#step} needs so that stepping
 * allocates nothing. Mutable: {@link SimpleRnnCell#step} overwrites {@link #h()} in place. Not thread-safe.
 */
public final class SimpleRnnState implements RecurrentState {

    private final INDArray h;
    /** Pre-activations z, [N, H]: h·RW reads h, so z cannot be written into h. */
    final INDArray z;

    private SimpleRnnState(INDArray h) {
        this.h = h;
        this.z = LstmState.columnMajorZeros(h.rows(), h.columns());
    }

    /** N trajectories starting from h = 0. */
    public static SimpleRnnState zeros(int trajectories, int hiddenSize) {
        return new SimpleRnnState(LstmState.columnMajorZeros(trajectories, hiddenSize));
    }

    @Override
    public INDArray h() {
        return h;
    }

    @Override
    public int trajectories() {
        return (int) h.rows();
    }

    /** s = h per trajectory. */
    @Override
    public double[][] stateVectors() {
        return h.toDoubleMatrix();
    }
}
