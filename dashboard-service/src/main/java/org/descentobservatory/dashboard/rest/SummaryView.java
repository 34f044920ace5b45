package org.descentobservatory.dashboard.rest;

import org.descentobservatory.dashboard.domain.RunSummary;
import org.descentobservatory.dashboard.domain.descent.DescentFindings;
import org.descentobservatory.dashboard.domain.descent.DescentSettings;

/**
 * JSON body of {@code GET /api/runs/{id}/summary}.
 *
 * @param run      the run's status and counts
 * @param settings the detection knobs as asked (null: default, resolved values are in {@code findings})
 * @param findings what the descent detection found
 */
public record SummaryView(RunSummary run, DescentSettings settings, DescentFindings findings) {
}
