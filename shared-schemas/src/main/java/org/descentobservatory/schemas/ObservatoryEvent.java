package org.descentobservatory.schemas;

/** An event of one run; its run id is the Kafka record key (see {@link Topics}). */
public sealed interface ObservatoryEvent permits RunRequest, RunControl, RunStartedEvent, CheckpointEvent,
        AnalysisEvent, RunEndedEvent {

    /** Version of the event's JSON Schema this record follows. */
    int schemaVersion();

    String runId();
}
