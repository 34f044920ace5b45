package org.descentobservatory.analyzer.compute;

/**
 * One vanilla-RNN time step for N trajectories at once, in double precision, exactly as Deeplearning4j's
 * {@code SimpleRnn} layer (no layer normalisation) computes it (row vectors):
 * <pre>
 * h' = tanh(x·W + h·RW + b)                    [N, H]
 * </pre>
 * As for {@link LstmCell}, the input term x·W + b is the drive ({@link TokenDrivenCell}): row t of E_tok·W + b for
 * token t, b for x = 0.
 * A step costs one N×H by H×H gemm plus O(N·H) element-wise work.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code org.deeplearning4j.nn.layers.recurrent.SimpleRnn} (the activation
 * applied to x·W + h·RW + b; checked against {@code rnnTimeStep} in the tests); Elman (1990) for the network.
 * The cell is immutable and can be shared between threads; each thread needs its own {@link SimpleRnnState}.
 */
public final class SimpleRnnCell extends TokenDrivenCell<SimpleRnnState> {

    /** Precomputes E_tok·W + b. Cost: one V×E by E×H gemm. */
    public SimpleRnnCell(SimpleRnnParameters theta) {
        super(theta);
    }

    /** N trajectories starting from h = 0. */
    @Override
    public SimpleRnnState zeroState(int trajectories) {
        return SimpleRnnState.zeros(trajectories, hiddenSize());
    }

    @Override
    public SimpleRnnState zeroState(int trajectories, int threads) {
        return new SimpleRnnState(trajectories, hiddenSize(), threads);
    }

    /** h' = tanh(z) for trajectories [first, first + rows). Cost: one exponential and ~4 flops per unit. */
    @Override
    void activate(int first, int rows, SimpleRnnState s, BatchedState.Scratch scratch) {
        int length = rows * hiddenSize();
        double[] z = scratch.blocks[0];
        scratch.activations.tanh(z, length);
        s.hidden.put(first * hiddenSize(), z, 0, length);
    }
}
