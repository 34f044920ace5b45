package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The states of N trajectories of a {@link RecurrentCell}, one per row, in double precision. Every cell's state holds
 * the hidden state h the asymptotic distance compares; an LSTM's also holds its cell state c.
 * Mutable: the cell's step overwrites it in place. Not thread-safe.
 */
public interface RecurrentState {

    /** The hidden states h, [N, H] (a live view: it changes with every step, and writing it sets h). */
    INDArray h();

    /** N, the number of trajectories. */
    int trajectories();

    /**
     * A copy of each trajectory's full state s as a plain vector, {@code [N][n]}: h for a vanilla RNN (n = H),
     * h then c for an LSTM (n = 2H). These are the coordinates of {@link RecurrentParameters#zeroInputMap()}.
     * Cost: one copy of the state.
     */
    double[][] stateVectors();
}
