package org.descentobservatory.dashboard.rest;

import org.descentobservatory.dashboard.domain.TimelineRow;

import java.util.List;

/**
 * JSON body of {@code GET /api/runs/{id}/timeline}: the run's rows by ascending epoch.
 *
 * @param runId       the run
 * @param rowsInRange rows the run has in the asked epoch range
 * @param downsampled true when {@code rows} is the min/max decimation of those (see
 *                    {@link org.descentobservatory.dashboard.domain.TimelineDownsampler}); false: every row
 * @param rows        the rows
 */
public record TimelineView(String runId, int rowsInRange, boolean downsampled, List<TimelineRow> rows) {

    public TimelineView(String runId, List<TimelineRow> rows) {
        this(runId, rows.size(), false, rows);
    }
}
