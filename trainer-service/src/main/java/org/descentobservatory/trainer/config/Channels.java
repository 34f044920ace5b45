package org.descentobservatory.trainer.config;

/**
 * Names of the trainer's Kafka channels; application.properties maps each to its topic in
 * {@link org.descentobservatory.schemas.Topics}.
 */
public final class Channels {

    /** Outgoing {@link org.descentobservatory.schemas.RunRequest}s, topic {@code observatory.run-requests}. */
    public static final String RUN_REQUESTS_OUT = "run-requests-out";

    /**
     * Incoming {@link org.descentobservatory.schemas.RunRequest}s, consumed by all replicas as one consumer group
     * ({@code observatory-trainer}): each run is trained by the replica owning its partition.
     */
    public static final String RUN_REQUESTS = "run-requests";

    /** Outgoing {@link org.descentobservatory.schemas.RunControl}s, topic {@code observatory.run-control}. */
    public static final String RUN_CONTROL_OUT = "run-control-out";

    /** Incoming {@link org.descentobservatory.schemas.RunControl}s, read by every replica (a group of its own). */
    public static final String RUN_CONTROL = "run-control";

    /**
     * Incoming run requests, started, checkpoint, analysis and ended events of all runs, read from the beginning by
     * every replica (a group of its own) to answer {@code GET /api/runs} for runs of any replica.
     */
    public static final String RUN_VIEW = "run-view";

    /** {@link org.descentobservatory.schemas.RunStartedEvent}s, topic {@code observatory.runs.started}. */
    public static final String RUNS_STARTED = "runs-started";

    /** {@link org.descentobservatory.schemas.CheckpointEvent}s, topic {@code observatory.checkpoints}. */
    public static final String CHECKPOINTS = "checkpoints";

    /** {@link org.descentobservatory.schemas.RunEndedEvent}s, topic {@code observatory.runs.ended}. */
    public static final String RUNS_ENDED = "runs-ended";

    private Channels() {
    }
}
