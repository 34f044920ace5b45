package org.descentobservatory.schemas;

import java.time.Instant;

/**
 * One epoch of a run is trained, measured and its weights are stored under {@code objectKey}.
 * Published only after the object is in the store.
 *
 * @param epoch        1-based epoch number
 * @param trainLoss    mean binary cross-entropy over the training split after this epoch
 * @param testLoss     mean binary cross-entropy over the test split after this epoch
 * @param testAccuracy share of test reviews classified correctly at threshold 0.5
 * @param objectKey    key of the checkpoint in the bucket (see {@link ObjectKeys})
 * @param sha256       lowercase hex SHA-256 of the stored object's bytes
 * @param sizeBytes    size of the stored object
 * @param wallTimeMs   wall-clock time of this epoch: training, evaluation and storing
 * @param createdAt    when the checkpoint was stored
 */
public record CheckpointEvent(
        int schemaVersion,
        String runId,
        int epoch,
        double trainLoss,
        double testLoss,
        double testAccuracy,
        String objectKey,
        String sha256,
        long sizeBytes,
        long wallTimeMs,
        Instant createdAt) implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public static CheckpointEvent of(String runId, int epoch, double trainLoss, double testLoss, double testAccuracy,
                                     String objectKey, String sha256, long sizeBytes, long wallTimeMs, Instant createdAt) {
        return new CheckpointEvent(SCHEMA_VERSION, runId, epoch, trainLoss, testLoss, testAccuracy,
                objectKey, sha256, sizeBytes, wallTimeMs, createdAt);
    }
}
