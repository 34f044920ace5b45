package org.descentobservatory.analyzer.compute;

/**
 * The hidden states h of N vanilla-RNN trajectories advanced together, one per row, in double precision (h is the
 * whole state of a {@code SimpleRnn}), with the scratch space {@link SimpleRnnCell#step} needs so that stepping
 * allocates nothing. Mutable: {@link SimpleRnnCell#step} overwrites {@link #h()} in place. Not thread-safe.
 */
public final class SimpleRnnState extends BatchedState {

    /** N trajectories from h = 0, stepped by {@code threads} threads. Preconditions: N, H, threads ≥ 1. */
    SimpleRnnState(int trajectories, int hiddenSize, int threads) {
        super(trajectories, hiddenSize, 1, 1, threads);
    }

    /** N trajectories starting from h = 0, stepped by one thread. Preconditions: N ≥ 1, H ≥ 1. */
    public static SimpleRnnState zeros(int trajectories, int hiddenSize) {
        return new SimpleRnnState(trajectories, hiddenSize, 1);
    }

    /** s = h per trajectory. */
    @Override
    public double[][] stateVectors() {
        return h().toDoubleMatrix();
    }
}
