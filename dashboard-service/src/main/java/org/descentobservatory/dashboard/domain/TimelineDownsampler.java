package org.descentobservatory.dashboard.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * Thins a long timeline for a chart without losing what a chart shows: the rows are cut into at most
 * {@code buckets} consecutive buckets and from each bucket the rows holding the minimum and the maximum of every
 * charted series are kept (min/max decimation), plus the first and last row. Every kept row is a real row, whole.
 * A spike or a dip of any series survives at any zoom; only rows that are extreme in no series are left out, and the
 * answer says how many rows the range had. Cost O(rows · series).
 */
public final class TimelineDownsampler {

    /** The series the page charts; their extremes are what must survive. */
    private static final List<Function<TimelineRow, Double>> SERIES = List.of(
            TimelineRow::trainLoss, TimelineRow::testLoss, TimelineRow::testAccuracy, TimelineRow::wrongTestLoss,
            TimelineRow::maxBatchLoss, TimelineRow::meanGradientNorm, TimelineRow::maxGradientNorm,
            TimelineRow::asymptoticDistance, TimelineRow::chaoticFraction, TimelineRow::largestLyapunovExponent,
            TimelineDownsampler::recurrentWeightNorm);

    /** The weight norm the instability panel charts: the recurrent matrix's. */
    public static final String CHARTED_WEIGHT_NORM = "1_RW";

    private TimelineDownsampler() {
    }

    /** The rows themselves when there are at most 2·buckets of them, else the bucket extremes in epoch order. */
    public static List<TimelineRow> downsample(List<TimelineRow> rows, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        if (rows.size() <= 2 * buckets) {
            return rows;
        }
        BitSet keep = new BitSet(rows.size());
        keep.set(0);
        keep.set(rows.size() - 1);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * rows.size() / buckets);
            int to = (int) ((long) (b + 1) * rows.size() / buckets);
            for (Function<TimelineRow, Double> series : SERIES) {
                int min = -1;
                int max = -1;
                for (int i = from; i < to; i++) {
                    Double v = series.apply(rows.get(i));
                    if (v == null || v.isNaN()) {
                        continue;
                    }
                    if (min < 0 || v < series.apply(rows.get(min))) {
                        min = i;
                    }
                    if (max < 0 || v > series.apply(rows.get(max))) {
                        max = i;
                    }
                }
                if (min >= 0) {
                    keep.set(min);
                    keep.set(max);
                }
            }
        }
        List<TimelineRow> kept = new ArrayList<>(keep.cardinality());
        keep.stream().forEach(i -> kept.add(rows.get(i)));
        return kept;
    }

    private static Double recurrentWeightNorm(TimelineRow row) {
        return row.weightNorms() == null ? null : row.weightNorms().get(CHARTED_WEIGHT_NORM);
    }
}
