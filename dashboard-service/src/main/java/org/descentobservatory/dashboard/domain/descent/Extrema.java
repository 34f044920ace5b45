package org.descentobservatory.dashboard.domain.descent;

import java.util.ArrayList;
import java.util.List;

/**
 * Local minima and maxima with the topographic prominence rule (as in peak finding, e.g. SciPy's
 * {@code find_peaks}): the prominence of a minimum at i is how far the series must rise from it before it can reach
 * a lower value, min(L, R) − yᵢ, where L (R) is the highest value between i and the nearest strictly lower value to
 * its left (right), or the series' end when there is none. A maximum's prominence is the same on −y. Only interior
 * points are extrema; a plateau counts once, at its first index. Cost O(n·k) for k candidates, O(n²) at worst.
 */
public final class Extrema {

    private Extrema() {
    }

    /** Interior local minima whose prominence is at least {@code minProminence}, by index. */
    public static List<Extremum> minima(double[] y, double minProminence) {
        List<Extremum> found = new ArrayList<>();
        int n = y.length;
        int i = 1;
        while (i < n - 1) {
            if (y[i] < y[i - 1]) {
                int plateauEnd = i;
                while (plateauEnd + 1 < n && y[plateauEnd + 1] == y[i]) {
                    plateauEnd++;
                }
                if (plateauEnd < n - 1 && y[plateauEnd + 1] > y[i]) {
                    double prominence = Math.min(highestBeforeLower(y, i, -1), highestBeforeLower(y, plateauEnd, 1))
                            - y[i];
                    if (prominence >= minProminence) {
                        found.add(new Extremum(i, y[i], prominence));
                    }
                }
                i = plateauEnd + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Interior local maxima whose prominence is at least {@code minProminence}, by index. */
    public static List<Extremum> maxima(double[] y, double minProminence) {
        double[] negated = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            negated[i] = -y[i];
        }
        return minima(negated, minProminence).stream()
                .map(m -> new Extremum(m.index(), y[m.index()], m.prominence())).toList();
    }

    /** The highest value met walking from {@code start} in {@code step} direction until a value below y[start]. */
    private static double highestBeforeLower(double[] y, int start, int step) {
        double highest = y[start];
        for (int j = start + step; j >= 0 && j < y.length && y[j] >= y[start]; j += step) {
            highest = Math.max(highest, y[j]);
        }
        return highest;
    }
}
