package org.descentobservatory.schemas;

/**
 * The object-store layout, one bucket for all runs:
 * <pre>
 * runs/{runId}/probe-set.json                 the analyzer's probe sequences, written once per run
 * runs/{runId}/run.json                      the trainer's manifest of the run: spec, status, last published epoch
 * runs/{runId}/cancel.json                   a RunControl CANCEL, written when a cancel is accepted
 * runs/{runId}/checkpoints/epoch-{000042}.zip a DL4J {@code ModelSerializer} zip with updater state
 * runs/{runId}/checkpoints/epoch-{000042}.json the epoch's CheckpointEvent, stored before it is published
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

    /** The epoch's {@link CheckpointEvent} as its contract's JSON, so that a resumed run republishes it unchanged. */
    public static String checkpointEvent(String runId, int epoch) {
        return runPrefix(runId) + String.format("checkpoints/epoch-%06d.json", epoch);
    }

    /** The trainer's manifest of a run (its own format, read only by trainers). */
    public static String runManifest(String runId) {
        return runPrefix(runId) + "run.json";
    }

    /** A {@link RunControl} CANCEL for the run, which a trainer picking the run up later obeys. */
    public static String cancelRequest(String runId) {
        return runPrefix(runId) + "cancel.json";
    }
}
