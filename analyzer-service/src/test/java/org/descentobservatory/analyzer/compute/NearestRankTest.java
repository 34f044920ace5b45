package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link NearestRank} against its definition (Hyndman &amp; Fan 1996, definition 1): x_(⌈p·n⌉), x_(1) at p = 0. */
class NearestRankTest {

    @Test
    void theSummaryOfOneToTwentyIsTheValuesAtTheNearestRanks() {
        double[] values = new double[20];
        for (int i = 0; i < 20; i++) {
            values[i] = 20 - i; // unsorted on purpose
        }
        // ⌈p·20⌉ for p = 0, .05, .25, .5, .75, .95, 1: ranks 1 (p = 0), 1, 5, 10, 15, 19, 20.
        assertThat(NearestRank.quantiles(values, NearestRank.SUMMARY)).containsExactly(1, 1, 5, 10, 15, 19, 20);
        assertThat(values[0]).isEqualTo(20);
    }

    @Test
    void everyQuantileIsASampleValueSoABimodalSampleIsNotBlurred() {
        double[] values = {-15, -15, -15, 0.5, 0.5, 0.5};
        double[] q = NearestRank.quantiles(values, NearestRank.SUMMARY);
        for (double quantile : q) {
            assertThat(quantile).isIn(-15.0, 0.5);
        }
        assertThat(q[3]).isEqualTo(-15); // median: rank ⌈0.5·6⌉ = 3
    }

    @Test
    void aSingleValueIsEveryQuantileAndBadInputIsRefused() {
        assertThat(NearestRank.quantiles(new double[]{3}, NearestRank.SUMMARY)).containsOnly(3);
        assertThatThrownBy(() -> NearestRank.quantiles(new double[0], NearestRank.SUMMARY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NearestRank.quantiles(new double[]{1}, new double[]{1.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
