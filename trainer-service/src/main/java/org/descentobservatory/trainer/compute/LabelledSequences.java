package org.descentobservatory.trainer.compute;

import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;

/**
 * Token sequences with binary labels: {@code tokens[i][t]} is the token of review i at step t (padded with
 * token 0), {@code labels[i]} is 1 for positive, 0 for negative.
 */
public record LabelledSequences(int[][] tokens, int[] labels) implements MinibatchSource {

    public LabelledSequences {
        if (tokens.length != labels.length) {
            throw new IllegalArgumentException(tokens.length + " sequences but " + labels.length + " labels");
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public DataSet minibatch(int[] rows, int from, int to) {
        return SequenceTensors.dataSet(this, rows, from, to);
    }

    public int sequenceLength() {
        return tokens.length == 0 ? 0 : tokens[0].length;
    }

    /** Copies of the first {@code count} sequences, e.g. the analyzer's probe set. */
    public int[][] firstSequences(int count) {
        if (count > size()) {
            throw new IllegalArgumentException("Asked for " + count + " of " + size() + " sequences");
        }
        return Arrays.stream(tokens, 0, count).map(int[]::clone).toArray(int[][]::new);
    }
}
