package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Measures a network on a whole split from {@code network.output(x, false)} (inference mode), in chunks of
 * {@value #CHUNK} reviews to bound memory. {@code network.score()} is not used: it is the last minibatch's loss plus
 * regularisation, not a mean over the split. Besides the mean loss and the accuracy it gives the mean loss over the
 * wrongly classified reviews (see {@link SplitMetrics}). Cost: one forward pass over the split.
 */
public final class SplitEvaluator {

    private static final int CHUNK = 256;

    private SplitEvaluator() {
    }

    public static SplitMetrics evaluate(MultiLayerNetwork network, LabelledSequences split) {
        int n = split.size();
        if (n == 0) {
            throw new IllegalArgumentException("Empty split");
        }
        int[] rows = SequenceTensors.inOrder(n);
        SplitTally tally = new SplitTally();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(from + CHUNK, n);
            INDArray output = network.output(SequenceTensors.features(split.tokens(), rows, from, to), false);
            tally.add(output.reshape(to - from).toDoubleVector(), Arrays.copyOfRange(split.labels(), from, to));
        }
        return tally.metrics();
    }
}
