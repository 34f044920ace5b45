package org.descentobservatory.trainer.domain;

/** Where a run is in its life. */
public enum RunStatus {
    /** Requested, waiting for a trainer replica with a free slot. */
    QUEUED,
    /** Training (or, after its replica died, waiting to be resumed by another). */
    RUNNING,
    COMPLETED,
    /** Stopped by a cancel request. */
    CANCELLED,
    FAILED;

    public boolean hasEnded() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
