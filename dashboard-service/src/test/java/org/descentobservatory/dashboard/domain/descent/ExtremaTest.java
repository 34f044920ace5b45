package org.descentobservatory.dashboard.domain.descent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.dashboard.domain.descent.Tolerances.ARITHMETIC;

class ExtremaTest {

    @Test
    void prominenceIsTheRiseNeededToReachALowerValue() {
        // Minima at 1 (0.0), 3 (0.5), 5 (0.2), prominences by hand. Index 1: nothing is lower, both walks run to
        // the ends, the left one over 3.0, the right one over 3.0 too: min(3, 3) - 0 = 3.
        // Index 3: left reaches 0.0 (lower) after climbing to 2.0; right reaches 0.2 after 1.0: min(2, 1) - 0.5 = 0.5.
        // Index 5: left reaches 0.0 after 2.0; right runs to the end at 3.0: min(2, 3) - 0.2 = 1.8.
        double[] y = {3.0, 0.0, 2.0, 0.5, 1.0, 0.2, 3.0};

        List<Extremum> minima = Extrema.minima(y, 0);

        assertThat(minima).extracting(Extremum::index).containsExactly(1, 3, 5);
        assertThat(minima.get(0).prominence()).isCloseTo(3.0, within(ARITHMETIC));
        assertThat(minima.get(1).prominence()).isCloseTo(0.5, within(ARITHMETIC));
        assertThat(minima.get(2).prominence()).isCloseTo(1.8, within(ARITHMETIC));
        assertThat(Extrema.minima(y, 0.6)).extracting(Extremum::index).containsExactly(1, 5);
    }

    @Test
    void maximaAreMinimaOfTheNegatedSeriesWithTheirOwnValues() {
        double[] y = {0.0, 2.0, 1.0, 1.5, 0.0};

        List<Extremum> maxima = Extrema.maxima(y, 0);

        assertThat(maxima).extracting(Extremum::index).containsExactly(1, 3);
        assertThat(maxima.get(0).value()).isEqualTo(2.0);
        assertThat(maxima.get(0).prominence()).isCloseTo(2.0, within(ARITHMETIC));
        assertThat(maxima.get(1).prominence()).isCloseTo(0.5, within(ARITHMETIC));
    }

    @Test
    void aPlateauCountsOnceAtItsStartAndEndsAreNoExtrema() {
        assertThat(Extrema.minima(new double[]{2, 1, 1, 1, 2}, 0)).extracting(Extremum::index).containsExactly(1);
        assertThat(Extrema.minima(new double[]{0, 1, 2, 3}, 0)).isEmpty();
        assertThat(Extrema.minima(new double[]{2, 1, 1}, 0)).as("a plateau running into the end").isEmpty();
        assertThat(Extrema.minima(new double[0], 0)).isEmpty();
    }

    @Test
    void propertyEachMinimumIsLocalAndItsProminenceMatchesABruteForceDefinition() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] y = random.ints(2 + random.nextInt(60), 0, 20).asDoubleStream().toArray();
            for (Extremum m : Extrema.minima(y, 0)) {
                assertThat(y[m.index()]).isLessThan(y[m.index() - 1]);
                assertThat(m.prominence()).isCloseTo(bruteForceProminence(y, m.index()), within(ARITHMETIC));
            }
        }
    }

    /**
     * Prominence straight from the definition: the lowest "pass" over which a path from i reaches a strictly lower
     * point or an end of the series, taking the better of the two directions.
     */
    private static double bruteForceProminence(double[] y, int i) {
        double best = Double.POSITIVE_INFINITY;
        for (int step : new int[]{-1, 1}) {
            double pass = y[i];
            int j = i;
            while (true) {
                j += step;
                if (j < 0 || j >= y.length) {
                    break;
                }
                if (y[j] < y[i]) {
                    break;
                }
                pass = Math.max(pass, y[j]);
            }
            best = Math.min(best, pass);
        }
        return best - y[i];
    }
}
