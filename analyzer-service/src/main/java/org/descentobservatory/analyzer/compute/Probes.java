package org.descentobservatory.analyzer.compute;

/** Checking the probe sequences that drive a recurrent network before a measurement. */
public final class Probes {

    private Probes() {
    }

    /**
     * The common length L of the probes. Preconditions: at least one probe; all probes of one length; every token
     * in [0, V). Cost: one pass over the tokens.
     *
     * @param probes         {@code probes[i][t]} = τ_t of probe i
     * @param vocabularySize V
     * @throws IllegalArgumentException if a precondition fails, naming the probe and token
     */
    public static int requireUniformLength(int[][] probes, int vocabularySize) {
        if (probes.length == 0) {
            throw new IllegalArgumentException("At least one probe is needed");
        }
        int length = probes[0].length;
        for (int i = 0; i < probes.length; i++) {
            if (probes[i].length != length) {
                throw new IllegalArgumentException("Probe " + i + " has " + probes[i].length
                        + " tokens, probe 0 has " + length + ": probes must be padded to one length");
            }
            for (int token : probes[i]) {
                if (token < 0 || token >= vocabularySize) {
                    throw new IllegalArgumentException("Probe " + i + " has token " + token
                            + " outside the vocabulary [0, " + vocabularySize + ")");
                }
            }
        }
        return length;
    }
}
