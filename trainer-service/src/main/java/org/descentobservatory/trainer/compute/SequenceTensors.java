package org.descentobservatory.trainer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Packs rows of {@link LabelledSequences} into the float tensors the network takes. */
final class SequenceTensors {

    private SequenceTensors() {
    }

    /**
     * Token indices of the rows {@code rows[from..to)} as a [to − from, L] FLOAT matrix, the input shape of
     * {@code EmbeddingSequenceLayer}.
     */
    static INDArray features(int[][] tokens, int[] rows, int from, int to) {
        int length = tokens[rows[from]].length;
        float[] flat = new float[(to - from) * length];
        for (int r = from; r < to; r++) {
            int[] sequence = tokens[rows[r]];
            int offset = (r - from) * length;
            for (int t = 0; t < length; t++) {
                flat[offset + t] = sequence[t];
            }
        }
        return Nd4j.create(flat, new long[] {to - from, length}, DataType.FLOAT);
    }

    /** Labels of the same rows as a [to − from, 1] FLOAT column. */
    static INDArray labels(int[] labels, int[] rows, int from, int to) {
        float[] column = new float[to - from];
        for (int r = from; r < to; r++) {
            column[r - from] = labels[rows[r]];
        }
        return Nd4j.create(column, new long[] {to - from, 1}, DataType.FLOAT);
    }

    static DataSet dataSet(LabelledSequences data, int[] rows, int from, int to) {
        return new DataSet(features(data.tokens(), rows, from, to), labels(data.labels(), rows, from, to));
    }

    /** The identity order 0, 1, …, n − 1. */
    static int[] inOrder(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
