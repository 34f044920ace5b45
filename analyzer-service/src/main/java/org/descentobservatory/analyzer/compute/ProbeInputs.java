package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The probe sequences that drive a recurrent network before its autonomous phase: token sequences of a classifier
 * ({@link TokenProbes}, the paper's reviews) or real-valued series of a forecaster ({@link SeriesProbes}). All probes
 * have one length L, the number of driven steps.
 */
public interface ProbeInputs {

    /** N, the number of probes. */
    int probeCount();

    /** L, the common length of the probes: the number of driven steps. */
    int length();

    /**
     * The drive x_t·W + b of step t of every probe, repeated {@code copies} times: rows [c·N, (c + 1)·N) hold probe
     * 0 … N − 1 for each copy c, so a reference and a perturbed trajectory of each probe share their input.
     * Preconditions: 0 ≤ t &lt; L, copies ≥ 1, {@link #requireFits} passed for {@code cell}. Cost: one gather or one
     * copies·N×D by D×(gates·H) gemm.
     */
    INDArray drive(RecurrentCell<?> cell, int t, int copies);

    /**
     * Advances {@code s} by step t of every probe, repeated {@code copies} times as in {@link #drive}: by default
     * {@code cell.step(drive(cell, t, copies), s)}. Preconditions as {@link #drive}, s of copies·N trajectories.
     */
    default <S extends RecurrentState> void step(RecurrentCell<S> cell, int t, int copies, S s) {
        cell.step(drive(cell, t, copies), s);
    }

    /**
     * Checks that the probes can drive {@code cell}: tokens inside its vocabulary, or series of its input width.
     *
     * @throws IllegalArgumentException naming the offending probe
     */
    void requireFits(RecurrentCell<?> cell);

    /** The first {@code count} probes (all of them if there are fewer). */
    ProbeInputs first(int count);

    /**
     * Every probe cut to its first {@code steps} steps: the protocol's configurable number of driven steps.
     *
     * @throws IllegalArgumentException if {@code steps} is negative or above L
     */
    ProbeInputs prefix(int steps);

    /** @throws IllegalArgumentException if {@code steps} is not in [0, length] */
    static void requirePrefix(int steps, int length) {
        if (steps < 0 || steps > length) {
            throw new IllegalArgumentException("Driven steps must be in [0, " + length + "] (the probes' length), got "
                    + steps);
        }
    }
}
