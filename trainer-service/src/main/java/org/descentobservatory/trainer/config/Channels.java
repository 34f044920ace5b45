package org.descentobservatory.trainer.config;

/**
 * Names of the trainer's outgoing Kafka channels; application.properties maps each to its topic in
 * {@link org.descentobservatory.schemas.Topics}.
 */
public final class Channels {

    /** {@link org.descentobservatory.schemas.RunStartedEvent}s, topic {@code observatory.runs.started}. */
    public static final String RUNS_STARTED = "runs-started";

    /** {@link org.descentobservatory.schemas.CheckpointEvent}s, topic {@code observatory.checkpoints}. */
    public static final String CHECKPOINTS = "checkpoints";

    /** {@link org.descentobservatory.schemas.RunEndedEvent}s, topic {@code observatory.runs.ended}. */
    public static final String RUNS_ENDED = "runs-ended";

    private Channels() {
    }
}
