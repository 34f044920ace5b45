package org.descentobservatory.trainer.compute;

/**
 * Accumulates a split's predictions chunk by chunk into {@link SplitMetrics}: the loss of every review, and separately
 * of the wrongly classified ones, so one pass gives the mean loss, the accuracy and the wrong-review loss.
 * Cost: O(n) over the reviews added.
 */
final class SplitTally {

    private double lossSum;
    private double wrongLossSum;
    private int count;
    private int wrong;

    /** Adds reviews with network outputs {@code probabilities[i]} = P(positive) and labels 0/1. */
    void add(double[] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(
                    probabilities.length + " probabilities but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            double loss = BinaryCrossEntropy.of(probabilities[i], labels[i]);
            lossSum += loss;
            if ((probabilities[i] >= 0.5 ? 1 : 0) != labels[i]) {
                wrongLossSum += loss;
                wrong++;
            }
        }
        count += labels.length;
    }

    /** The metrics of the reviews added so far; at least one must have been added. */
    SplitMetrics metrics() {
        if (count == 0) {
            throw new IllegalStateException("No reviews");
        }
        return new SplitMetrics(lossSum / count, (double) (count - wrong) / count,
                wrong == 0 ? null : wrongLossSum / wrong);
    }
}
