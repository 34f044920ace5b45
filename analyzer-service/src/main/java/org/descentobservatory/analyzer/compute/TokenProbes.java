package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Token probes of a classifier: {@code tokens[i][t]} = τ_t of probe i, driving the network through its embedding
 * (the drive of token τ is row τ of E_tok·W + b, {@link RecurrentCell#tokenDrive}).
 *
 * @param tokens the sequences, one length for all (checked)
 */
public record TokenProbes(int[][] tokens) implements ProbeInputs {

    /** Precondition: at least one probe, all of one length. */
    public TokenProbes {
        Probes.requireUniformLength(tokens, Integer.MAX_VALUE);
    }

    @Override
    public int probeCount() {
        return tokens.length;
    }

    @Override
    public int length() {
        return tokens[0].length;
    }

    @Override
    public INDArray drive(RecurrentCell<?> cell, int t, int copies) {
        return cell.tokenDrive(tokensAt(t, copies));
    }

    /** Reads the drive rows straight out of the cell's token table ({@link RecurrentCell#stepTokens}). */
    @Override
    public <S extends RecurrentState> void step(RecurrentCell<S> cell, int t, int copies, S s) {
        cell.stepTokens(tokensAt(t, copies), s);
    }

    /** τ_t of every probe, repeated {@code copies} times (rows [c·N, (c + 1)·N) for copy c). */
    private int[] tokensAt(int t, int copies) {
        int n = tokens.length;
        int[] step = new int[copies * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < copies; c++) {
                step[c * n + i] = tokens[i][t];
            }
        }
        return step;
    }

    @Override
    public void requireFits(RecurrentCell<?> cell) {
        Probes.requireUniformLength(tokens, cell.vocabularySize());
    }

    @Override
    public TokenProbes first(int count) {
        return new TokenProbes(Arrays.copyOf(tokens, Math.min(count, tokens.length)));
    }

    @Override
    public TokenProbes prefix(int steps) {
        ProbeInputs.requirePrefix(steps, length());
        int[][] cut = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            cut[i] = Arrays.copyOf(tokens[i], steps);
        }
        return new TokenProbes(cut);
    }
}
