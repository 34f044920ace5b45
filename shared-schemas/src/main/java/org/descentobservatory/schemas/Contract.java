package org.descentobservatory.schemas;

import java.util.Arrays;

/** Each JSON document the observatory exchanges, with the record that carries it and its schema file. */
public enum Contract {
    RUN_SPEC(RunSpec.class, "run-spec.v1.schema.json"),
    RUN_REQUEST(RunRequest.class, "run-request.v1.schema.json"),
    RUN_CONTROL(RunControl.class, "run-control.v1.schema.json"),
    RUN_STARTED(RunStartedEvent.class, "run-started-event.v1.schema.json"),
    CHECKPOINT(CheckpointEvent.class, "checkpoint-event.v1.schema.json"),
    ANALYSIS(AnalysisEvent.class, "analysis-event.v1.schema.json"),
    RUN_ENDED(RunEndedEvent.class, "run-ended-event.v1.schema.json"),
    PROBE_SET(ProbeSet.class, "probe-set.v1.schema.json");

    /** Where the schema files live, as {@code $id} prefix and on the class path. */
    public static final String ID_PREFIX = "https://descentobservatory.org/schemas/";
    public static final String CLASSPATH_FOLDER = "schemas/";

    private final Class<?> type;
    private final String schemaFile;

    Contract(Class<?> type, String schemaFile) {
        this.type = type;
        this.schemaFile = schemaFile;
    }

    public Class<?> type() {
        return type;
    }

    public String schemaFile() {
        return schemaFile;
    }

    public String schemaId() {
        return ID_PREFIX + schemaFile;
    }

    public static Contract of(Class<?> type) {
        return Arrays.stream(values()).filter(c -> c.type == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No contract for " + type.getName()));
    }
}
