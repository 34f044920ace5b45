package org.descentobservatory.schemas;

import java.time.Instant;

/** A run was accepted by a trainer; {@code spec} is everything needed to reproduce it. */
public record RunStartedEvent(int schemaVersion, String runId, RunSpec spec, Instant startedAt)
        implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public static RunStartedEvent of(String runId, RunSpec spec, Instant startedAt) {
        return new RunStartedEvent(SCHEMA_VERSION, runId, spec, startedAt);
    }
}
