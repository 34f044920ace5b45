package org.descentobservatory.schemas;

import java.util.List;

/**
 * Kafka topic names of the observatory. Every record on every topic is keyed by its run id, so all
 * events of one run land on one partition and keep their order.
 */
public final class Topics {

    /**
     * {@link RunRequest}s: a run to train, consumed by the trainer replicas as one consumer group, so that each run
     * is trained by exactly one replica; a request's offset is committed only once its run has ended.
     */
    public static final String RUN_REQUESTS = "observatory.run-requests";

    /** {@link RunControl}s: commands for a run in progress (cancel), read by every trainer replica. */
    public static final String RUN_CONTROL = "observatory.run-control";

    /** {@link RunStartedEvent}s: a run was accepted, with its full spec. */
    public static final String RUNS_STARTED = "observatory.runs.started";

    /** {@link RunEndedEvent}s: a run completed, was cancelled or failed. */
    public static final String RUNS_ENDED = "observatory.runs.ended";

    /** {@link CheckpointEvent}s: a checkpoint's weights are stored and its losses measured. */
    public static final String CHECKPOINTS = "observatory.checkpoints";

    /** {@link AnalysisEvent}s: the order/chaos metrics of one checkpoint. */
    public static final String ANALYSES = "observatory.analyses";

    /**
     * Checkpoint events the analyzer could not process (malformed, object missing, SHA-256 mismatch), with the
     * reason in the record headers; the original value is kept byte for byte.
     */
    public static final String DEAD_LETTER = "observatory.dead-letter";

    /** Every topic above, for whoever provisions them (launcher, tests, Kafka operators). */
    public static final List<String> ALL = List.of(RUN_REQUESTS, RUN_CONTROL, RUNS_STARTED, RUNS_ENDED, CHECKPOINTS,
            ANALYSES, DEAD_LETTER);

    private Topics() {
    }

    /** The record key of an event: its run id. */
    public static String keyOf(ObservatoryEvent event) {
        return event.runId();
    }
}
