package org.descentobservatory.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The dashboard's own settings ({@code observatory.dashboard.*}). */
@ConfigMapping(prefix = "observatory.dashboard")
public interface DashboardConfig {

    /**
     * Base URL of the trainer whose {@code POST /api/runs} and {@code POST /api/runs/{id}/cancel} the page's start
     * and cancel controls forward to, with the bearer token the user typed. Unset (the default): the dashboard is
     * read-only and answers the control endpoints with 403.
     */
    Optional<URI> trainerUrl();

    /** How long a forwarded call to the trainer may take before the dashboard answers 502. */
    @WithDefault("10s")
    Duration trainerTimeout();

    /** Buckets of {@code GET /api/runs/{id}/timeline?maxPoints=} when the page asks for a thinned timeline. */
    @WithDefault("20000")
    int maxTimelineBuckets();
}
