package org.descentobservatory.schemas;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One epoch of a run is trained, measured and its weights are stored under {@code objectKey}.
 * Published only after the object is in the store.
 *
 * @param epoch            1-based epoch number
 * @param trainLoss        the task's loss over the training split after this epoch: mean binary cross-entropy
 *                         (sentiment tasks) or mean squared error per component and step in standardised units
 *                         (forecasting, {@code lorenz63})
 * @param testLoss         the same loss over the test split after this epoch
 * @param testAccuracy     share of test reviews classified correctly at threshold 0.5; {@code null} (the key is always
 *                         present) for a forecasting task, where accuracy has no meaning
 * @param wrongTestLoss    mean binary cross-entropy over the test reviews classified wrongly after this epoch (the
 *                         paper's section IV); {@code null} (JSON {@code null}, the key is always present) when every
 *                         test review is classified correctly, and for a forecasting task
 * @param meanBatchLoss    mean over the epoch's minibatches of each batch's loss (the same measure as
 *                         {@code trainLoss}), as computed while training (before that batch's optimizer step, without
 *                         regularisation); with a checkpoint interval k &gt; 1, over every minibatch since the
 *                         previous checkpoint, as are the other batch statistics
 * @param maxBatchLoss     the largest of those minibatch losses; a spike signals optimizer instability
 * @param meanGradientNorm mean over the epoch's minibatches of the L2 norm of the full gradient of the batch loss
 *                         (all parameters, before the updater)
 * @param maxGradientNorm  the largest of those gradient norms
 * @param weightNorms      L2 (Frobenius) norm of every parameter array after the epoch, keyed by its Deeplearning4j
 *                         parameter key ({@code "0_W"}, {@code "1_W"}, {@code "1_RW"}, {@code "1_b"}, …), in the
 *                         network's parameter order; unmodifiable
 * @param objectKey        key of the checkpoint in the bucket (see {@link ObjectKeys})
 * @param sha256           lowercase hex SHA-256 of the stored object's bytes
 * @param sizeBytes        size of the stored object
 * @param wallTimeMs       wall-clock time of this epoch: training, evaluation and storing
 * @param createdAt        when the checkpoint was stored
 */
public record CheckpointEvent(
        int schemaVersion,
        String runId,
        int epoch,
        double trainLoss,
        double testLoss,
        Double testAccuracy,
        Double wrongTestLoss,
        double meanBatchLoss,
        double maxBatchLoss,
        double meanGradientNorm,
        double maxGradientNorm,
        Map<String, Double> weightNorms,
        String objectKey,
        String sha256,
        long sizeBytes,
        long wallTimeMs,
        Instant createdAt) implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public CheckpointEvent {
        // A copy that keeps the parameter order, so the JSON lists layers in network order.
        weightNorms = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(weightNorms, "weightNorms")));
    }

    public static CheckpointEvent of(String runId, int epoch, double trainLoss, double testLoss, Double testAccuracy,
                                     Double wrongTestLoss, double meanBatchLoss, double maxBatchLoss,
                                     double meanGradientNorm, double maxGradientNorm, Map<String, Double> weightNorms,
                                     String objectKey, String sha256, long sizeBytes, long wallTimeMs,
                                     Instant createdAt) {
        return new CheckpointEvent(SCHEMA_VERSION, runId, epoch, trainLoss, testLoss, testAccuracy, wrongTestLoss,
                meanBatchLoss, maxBatchLoss, meanGradientNorm, maxGradientNorm, weightNorms,
                objectKey, sha256, sizeBytes, wallTimeMs, createdAt);
    }
}
