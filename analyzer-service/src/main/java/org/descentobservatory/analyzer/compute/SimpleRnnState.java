package org.descentobservatory.analyzer.compute;

/**
 * The hidden states h of N vanilla-RNN trajectories advanced together, one per row, in double precision (h is the
 * whole state of a {@code SimpleRnn}), with the scratch space {@link SimpleRnnCell#step} needs so that stepping
 * allocates nothing. Mutable: {@link SimpleRnnCell#step} overwrites {@link #h()} in place. Not thread-safe.
 */
public final class SimpleRnnState extends BatchedState {

    private SimpleRnnState(int trajectories, int hiddenSize) {
        super(trajectories, hiddenSize, 1);
    }

    /** N trajectories starting from h = 0. Preconditions: N ≥ 1, H ≥ 1. */
    public static SimpleRnnState zeros(int trajectories, int hiddenSize) {
        return new SimpleRnnState(trajectories, hiddenSize);
    }

    /** s = h per trajectory. */
    @Override
    public double[][] stateVectors() {
        return h().toDoubleMatrix();
    }
}
