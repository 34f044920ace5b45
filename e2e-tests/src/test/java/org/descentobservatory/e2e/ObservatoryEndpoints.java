package org.descentobservatory.e2e;

import java.util.List;

/**
 * Where a running observatory answers over HTTP, however it was started (local processes or containers).
 *
 * @param trainerUrl   the trainer's base URL ({@code POST /api/runs})
 * @param analyzerUrl  the analyzer's base URL (health and metrics)
 * @param dashboardUrl the dashboard's base URL ({@code GET /api/runs/{id}/timeline})
 */
record ObservatoryEndpoints(String trainerUrl, String analyzerUrl, String dashboardUrl) {

    /** The three base URLs. */
    List<String> all() {
        return List.of(trainerUrl, analyzerUrl, dashboardUrl);
    }
}
