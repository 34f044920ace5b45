package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One time step of a trained recurrent layer for N trajectories at once, in double precision, in
 * Deeplearning4j's row-vector convention: the step's pre-activation is z = x·W + h·RW + b. The input term
 * x·W + b is the <em>drive</em>, computed apart from the step: for a token it is a row of E_tok·W + b, for the
 * zero input x = 0 it is b. Implementations are immutable and can be shared between threads; each thread needs
 * its own state.
 *
 * @param <S> the state the cell advances
 */
public interface RecurrentCell<S extends RecurrentState> {

    /** H, the number of hidden units. */
    int hiddenSize();

    /** V, the number of tokens the embedding knows. */
    int vocabularySize();

    /** N trajectories starting from the zero state, stepped by one thread. */
    S zeroState(int trajectories);

    /**
     * N trajectories starting from the zero state, whose steps split the trajectories over {@code threads} threads
     * (the same results as one thread). Precondition: threads ≥ 1.
     */
    S zeroState(int trajectories, int threads);

    /** The drive E_tok[tokens[n]]·W + b of one token per trajectory. Precondition: every token in [0, V). */
    INDArray tokenDrive(int[] tokens);

    /** The width of the input vector x (E for an embedding network, the series dimension for a forecaster). */
    int inputSize();

    /** The drive x·W + b of one arbitrary input vector per trajectory. Precondition: x is [N, {@link #inputSize()}]. */
    INDArray inputDrive(INDArray x);

    /** The drive b of the zero input x = 0 for N trajectories. Reusable across steps. */
    INDArray zeroInputDrive(int trajectories);

    /**
     * Advances every trajectory of {@code s} by one step, in place. Precondition: {@code drive} comes from
     * {@link #tokenDrive}, {@link #inputDrive} or {@link #zeroInputDrive} for N = {@code s.trajectories()}.
     */
    void step(INDArray drive, S s);

    /**
     * {@code step(tokenDrive(tokens), s)} without materialising the drive: the protocols' driven steps.
     * Preconditions: one token per trajectory, every token in [0, V).
     */
    void stepTokens(int[] tokens, S s);

    /** {@code step(zeroInputDrive(N), s)} without materialising the drive: the protocols' autonomous steps. */
    void stepZeroInput(S s);
}
