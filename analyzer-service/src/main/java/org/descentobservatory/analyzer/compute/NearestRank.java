package org.descentobservatory.analyzer.compute;

import java.util.Arrays;

/**
 * Nearest-rank quantiles of a sample: the p-quantile of n sorted values x_(1) ≤ … ≤ x_(n) is x_(⌈p·n⌉), and x_(1)
 * for p = 0 (Hyndman &amp; Fan 1996, definition 1: the inverse of the empirical distribution function). Every
 * quantile is a value of the sample, so a bimodal distribution of log D_i (ordered and chaotic probes) is never
 * blurred by interpolation. Cost: one sort, O(n log n).
 */
public final class NearestRank {

    /** The seven-number summary: min, 5 %, 25 %, median, 75 %, 95 %, max. */
    public static final double[] SUMMARY = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1};

    private NearestRank() {
    }

    /**
     * The quantiles of {@code values} at each probability. Preconditions: at least one value; every p in [0, 1].
     *
     * @throws IllegalArgumentException if a precondition fails
     */
    public static double[] quantiles(double[] values, double[] probabilities) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Quantiles of an empty sample");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] quantiles = new double[probabilities.length];
        for (int q = 0; q < probabilities.length; q++) {
            double p = probabilities[q];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be in [0, 1], got " + p);
            }
            // The tolerance keeps p·n that should be an integer (0.95·20) from rounding up to the next rank.
            int rank = (int) Math.ceil(p * sorted.length - 1e-9);
            quantiles[q] = sorted[Math.max(rank, 1) - 1];
        }
        return quantiles;
    }
}
