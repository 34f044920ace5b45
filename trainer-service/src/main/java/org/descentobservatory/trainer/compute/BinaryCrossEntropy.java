package org.descentobservatory.trainer.compute;

/**
 * Mean binary cross-entropy −(1/n) Σ_i [y_i log p_i + (1 − y_i) log(1 − p_i)], the paper's loss.
 * Probabilities are clipped to [ε, 1 − ε] with ε = {@value #EPSILON} (about the resolution of a float near 1) so that
 * a saturated sigmoid gives a large finite loss instead of infinity. Computed in double. Cost: O(n).
 */
public final class BinaryCrossEntropy {

    /** Clipping bound of the probabilities. */
    public static final double EPSILON = 1e-7;

    private BinaryCrossEntropy() {
    }

    /** Sum (not mean) of the per-example losses, for accumulating over chunks. */
    public static double sum(double[] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities but " + labels.length + " labels");
        }
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += of(probabilities[i], labels[i]);
        }
        return sum;
    }

    /** The loss of one example with output {@code probability} and label {@code label} (0 or 1). */
    public static double of(double probability, int label) {
        double p = Math.min(Math.max(probability, EPSILON), 1 - EPSILON);
        return label == 1 ? -Math.log(p) : -Math.log1p(-p);
    }

    /** The mean loss over n ≥ 1 examples. */
    public static double mean(double[] probabilities, int[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("No examples");
        }
        return sum(probabilities, labels) / labels.length;
    }
}
