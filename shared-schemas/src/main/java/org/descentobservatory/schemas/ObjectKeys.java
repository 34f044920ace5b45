package org.descentobservatory.schemas;

/**
 * The object-store layout, one bucket for all runs:
 * <pre>
 * runs/{runId}/probe-set.json                 the analyzer's probe sequences, written once per run
 * runs/{runId}/checkpoints/epoch-{000042}.zip a DL4J {@code ModelSerializer} zip with updater state
 * </pre>
 * Epochs are zero-padded to six digits so that a listing sorts by epoch.
 */
public final class ObjectKeys {

    /** Bucket used when none is configured. */
    public static final String DEFAULT_BUCKET = "observatory";

    private ObjectKeys() {
    }

    public static String runPrefix(String runId) {
        return "runs/" + runId + "/";
    }

    public static String probeSet(String runId) {
        return runPrefix(runId) + "probe-set.json";
    }

    public static String checkpoint(String runId, int epoch) {
        return runPrefix(runId) + String.format("checkpoints/epoch-%06d.zip", epoch);
    }
}
