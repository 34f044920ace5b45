package org.descentobservatory.schemas;

import java.time.Instant;

/**
 * A command for one run, broadcast to every trainer replica (see {@link Topics#RUN_CONTROL}); the replica training
 * the run obeys it.
 *
 * @param action      what to do
 * @param reason      why, in the requester's words; recorded in the run's end
 * @param requestedAt when the command was accepted
 */
public record RunControl(int schemaVersion, String runId, Action action, String reason, Instant requestedAt)
        implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The commands a run obeys. */
    public enum Action {
        /** Stop training; the run ends {@link RunEndedEvent.Status#CANCELLED}. */
        CANCEL
    }

    public static RunControl cancel(String runId, String reason, Instant requestedAt) {
        return new RunControl(SCHEMA_VERSION, runId, Action.CANCEL, reason, requestedAt);
    }
}
