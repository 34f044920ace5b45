package org.descentobservatory.dashboard.domain.descent;

/** Smoothing of a per-epoch series before its extrema are looked for. */
public final class Smoothing {

    private Smoothing() {
    }

    /**
     * Centred moving average: value i is the mean of the values i − h … i + h that exist (the window is cut at the
     * ends, so the first and last values average fewer points). Centred, unlike an exponential average, so a
     * minimum stays at its epoch instead of lagging behind it. The page's smoothing slider computes the same.
     * Cost O(n) with a running sum.
     *
     * @param values     the series, by index (missing values are not allowed: pass only epochs that have one)
     * @param halfWidth  h ≥ 0; 0 returns a copy
     */
    public static double[] centredMovingAverage(double[] values, int halfWidth) {
        if (halfWidth < 0) {
            throw new IllegalArgumentException("halfWidth must be >= 0, was " + halfWidth);
        }
        if (halfWidth == 0) {
            return values.clone();
        }
        int n = values.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + values[i];
        }
        double[] smoothed = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - halfWidth);
            int to = Math.min(n - 1, i + halfWidth);
            smoothed[i] = (prefix[to + 1] - prefix[from]) / (to - from + 1);
        }
        return smoothed;
    }
}
