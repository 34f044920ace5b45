package org.descentobservatory.dashboard.domain.descent;

import org.descentobservatory.dashboard.domain.TimelineRow;

import java.time.Instant;
import java.util.Map;

/** Timeline rows for the detection tests; only the fields the detection reads are set. */
final class Rows {

    private Rows() {
    }

    /** @param phase the analyzer's label, or null to have it derived from D̃ as the aggregate does */
    static TimelineRow row(int epoch, Double trainLoss, Double testLoss, Double dTilde, String phase) {
        String effective = dTilde == null ? null : phase != null ? phase : Phase.of(null, dTilde).label();
        return new TimelineRow(epoch, trainLoss, testLoss, 0.9, null, trainLoss, trainLoss, 0.1, 0.2,
                Map.of("1_RW", 10.0), 1000L, dTilde, 0.0, -0.1, null, effective,
                dTilde == null ? null : phase != null, dTilde == null ? null : Instant.EPOCH);
    }
}
