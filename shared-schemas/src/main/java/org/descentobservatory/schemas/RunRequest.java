package org.descentobservatory.schemas;

import java.time.Instant;

/**
 * A run to train: published by whichever trainer replica accepted it over HTTP, trained by the one replica of the
 * trainers' consumer group that owns its partition (see {@link Topics#RUN_REQUESTS}).
 *
 * @param runId       the run's id, assigned when the request was accepted
 * @param spec        everything needed to train and reproduce it
 * @param sweepId     the sweep it belongs to when it was requested as one of several runs; null for a single run
 * @param requestedAt when the request was accepted
 */
public record RunRequest(int schemaVersion, String runId, RunSpec spec, String sweepId, Instant requestedAt)
        implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public static RunRequest of(String runId, RunSpec spec, String sweepId, Instant requestedAt) {
        return new RunRequest(SCHEMA_VERSION, runId, spec, sweepId, requestedAt);
    }
}
