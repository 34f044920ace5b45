package org.descentobservatory.dashboard.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The bifurcation scatter (per-probe readout Σ_j h_T,j against epoch) as counts on a grid, so a 10,000-epoch run
 * with 500 probes per epoch (5 million points) reaches the browser in a few hundred kilobytes with no point dropped:
 * every readout is counted in exactly one cell. With at most {@code maxColumns} analysed epochs each column is one
 * epoch; with more, consecutive epochs share a column. Readouts are centred per epoch (its mean over probes
 * subtracted) when asked, as in the paper's figure, so "collapsed" reads as a line at 0. Non-finite readouts are
 * counted apart. Cost O(points + columns·bins).
 */
public final class BifurcationDensity {

    private BifurcationDensity() {
    }

    /**
     * @param fromEpoch  first epoch of the column
     * @param toEpoch    last epoch of the column
     * @param counts     readouts per bin, bin 0 at {@code minReadout}
     */
    public record Column(int fromEpoch, int toEpoch, int[] counts) {
    }

    /**
     * @param centred     whether each epoch's mean readout was subtracted
     * @param minReadout  lower edge of bin 0
     * @param maxReadout  upper edge of the last bin
     * @param bins        bins per column
     * @param points      finite readouts counted
     * @param nonFinite   readouts that were NaN or infinite (not in any bin)
     * @param columns     by ascending epoch
     */
    public record Grid(boolean centred, double minReadout, double maxReadout, int bins, long points, long nonFinite,
                       List<Column> columns) {
    }

    public static Grid of(NavigableMap<Integer, double[]> readouts, int maxColumns, int bins, boolean centred) {
        if (maxColumns < 1 || bins < 1) {
            throw new IllegalArgumentException("maxColumns and bins must be >= 1");
        }
        List<Map.Entry<Integer, double[]>> epochs = new ArrayList<>(readouts.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long nonFinite = 0;
        for (Map.Entry<Integer, double[]> epoch : readouts.entrySet()) {
            double[] values = centred ? centred(epoch.getValue()) : epoch.getValue();
            epochs.add(Map.entry(epoch.getKey(), values));
            for (double v : values) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    nonFinite++;
                }
            }
        }
        if (min > max) {
            return new Grid(centred, 0, 0, bins, 0, nonFinite, List.of());
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        int columnCount = Math.min(maxColumns, epochs.size());
        List<Column> columns = new ArrayList<>(columnCount);
        long points = 0;
        double scale = bins / (max - min);
        for (int c = 0; c < columnCount; c++) {
            int from = (int) ((long) c * epochs.size() / columnCount);
            int to = (int) ((long) (c + 1) * epochs.size() / columnCount);
            int[] counts = new int[bins];
            for (int e = from; e < to; e++) {
                for (double v : epochs.get(e).getValue()) {
                    if (Double.isFinite(v)) {
                        counts[Math.min(bins - 1, (int) ((v - min) * scale))]++;
                        points++;
                    }
                }
            }
            columns.add(new Column(epochs.get(from).getKey(), epochs.get(to - 1).getKey(), counts));
        }
        return new Grid(centred, min, max, bins, points, nonFinite, columns);
    }

    private static double[] centred(double[] values) {
        double sum = 0;
        int finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                finite++;
            }
        }
        double mean = finite == 0 ? 0 : sum / finite;
        double[] centred = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            centred[i] = values[i] - mean;
        }
        return centred;
    }
}
