package org.descentobservatory.trainer.compute;

import java.util.SplittableRandom;

/**
 * Flips a share of training labels so that the network can fit them only by memorising: the overfitting regime whose
 * later descents the observatory watches (Nakkiran et al. 2020: label noise sharpens epoch-wise double descent).
 */
public final class LabelNoise {

    private LabelNoise() {
    }

    /**
     * A copy of {@code clean} with exactly round({@code share} · n) distinct labels flipped, chosen by a partial
     * Fisher–Yates shuffle from {@code random}; the tokens are shared, not copied. Cost: O(n).
     */
    public static LabelledSequences flip(LabelledSequences clean, double share, SplittableRandom random) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("label noise " + share + " outside [0, 1]");
        }
        int[] labels = clean.labels().clone();
        int[] order = SequenceTensors.inOrder(labels.length);
        int flips = (int) Math.round(share * labels.length);
        for (int k = 0; k < flips; k++) {
            int j = k + random.nextInt(order.length - k);
            int chosen = order[j];
            order[j] = order[k];
            order[k] = chosen;
            labels[chosen] = 1 - labels[chosen];
        }
        return new LabelledSequences(clean.tokens(), labels);
    }
}
