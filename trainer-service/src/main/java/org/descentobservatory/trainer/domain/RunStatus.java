package org.descentobservatory.trainer.domain;

/** Where a run is in its life on this trainer. */
public enum RunStatus {
    /** Accepted, waiting for a free training slot. */
    QUEUED,
    /** Training. */
    RUNNING,
    COMPLETED,
    /** Stopped by the trainer shutting down. */
    CANCELLED,
    FAILED
}
