package org.descentobservatory.dashboard.rest;

import org.descentobservatory.dashboard.domain.TimelineRow;

import java.util.List;

/** JSON body of {@code GET /api/runs/{id}/timeline}: the run's rows by ascending epoch. */
public record TimelineView(String runId, List<TimelineRow> rows) {
}
