package org.descentobservatory.dashboard.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineDownsamplerTest {

    private static TimelineRow row(int epoch, double testLoss, double maxBatchLoss, double dTilde) {
        return new TimelineRow(epoch, 0.1, testLoss, 0.9, null, 0.1, maxBatchLoss, 0.1, 0.2, Map.of("1_RW", 10.0),
                1L, dTilde, 0.0, -0.1, null, "order", false, Instant.EPOCH);
    }

    @Test
    void keepsEverySeriesExtremesSoNoSpikeIsLost() {
        List<TimelineRow> rows = new ArrayList<>();
        for (int e = 1; e <= 10_000; e++) {
            rows.add(row(e, 0.5 + 1e-6 * e, e == 4321 ? 9.0 : 0.2, e == 777 ? -3.0 : -15.0));
        }

        List<TimelineRow> kept = TimelineDownsampler.downsample(rows, 100);

        assertThat(kept.size()).isLessThan(rows.size() / 10);
        assertThat(kept).extracting(TimelineRow::epoch).isSorted().contains(1, 10_000, 4321, 777);
        assertThat(kept).allSatisfy(r -> assertThat(r).isSameAs(rows.get(r.epoch() - 1)));
    }

    @Test
    void aShortTimelineIsReturnedWhole() {
        List<TimelineRow> rows = List.of(row(1, 1, 1, -15), row(2, 1, 1, -15), row(3, 1, 1, -15));
        assertThat(TimelineDownsampler.downsample(rows, 2)).isSameAs(rows);
    }
}
