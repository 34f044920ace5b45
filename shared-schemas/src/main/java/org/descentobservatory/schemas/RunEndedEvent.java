package org.descentobservatory.schemas;

import java.time.Instant;

/**
 * A run stopped.
 *
 * @param status          how it ended
 * @param reason          why, for {@link Status#FAILED} and {@link Status#CANCELLED}; null when completed
 * @param epochsCompleted epochs whose checkpoint event was published
 */
public record RunEndedEvent(int schemaVersion, String runId, Status status, String reason, int epochsCompleted,
                            Instant endedAt) implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum Status { COMPLETED, CANCELLED, FAILED }

    public static RunEndedEvent of(String runId, Status status, String reason, int epochsCompleted, Instant endedAt) {
        return new RunEndedEvent(SCHEMA_VERSION, runId, status, reason, epochsCompleted, endedAt);
    }
}
