package org.descentobservatory.analyzer.config;

/** Reactive Messaging channel names of the analyzer; their topics are set in application.properties. */
public final class Channels {

    /** Incoming {@code CheckpointEvent}s, topic {@code Topics.CHECKPOINTS}. */
    public static final String CHECKPOINTS = "checkpoints";

    /** Outgoing {@code AnalysisEvent}s, topic {@code Topics.ANALYSES}. */
    public static final String ANALYSES = "analyses";

    private Channels() {
    }
}
