package org.descentobservatory.dashboard.domain;

import org.descentobservatory.schemas.RunEndedEvent;

/** Where a run stands as far as the dashboard has seen: running until its run-ended event arrives. */
public enum RunStatus {
    RUNNING, COMPLETED, CANCELLED, FAILED;

    static RunStatus of(RunEndedEvent.Status ended) {
        return switch (ended) {
            case COMPLETED -> COMPLETED;
            case CANCELLED -> CANCELLED;
            case FAILED -> FAILED;
        };
    }
}
