package org.descentobservatory.trainer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trainer's meters, all tagged by run id ({@code run}), as Prometheus names:
 * <ul>
 *   <li>{@code observatory_trainer_epoch_seconds}: epoch wall time (training, evaluation, serialising and storing,
 *       as in the checkpoint event);</li>
 *   <li>{@code observatory_trainer_epochs_completed_total}: epochs whose checkpoint event was published;</li>
 *   <li>{@code observatory_trainer_checkpoint_bytes}: size of each stored checkpoint;</li>
 *   <li>{@code observatory_trainer_checkpoint_upload_seconds}: time to store each checkpoint;</li>
 *   <li>{@code observatory_trainer_loss{split="train"|"test"}}: the latest epoch's mean loss;</li>
 *   <li>{@code observatory_trainer_retries_total{operation="store"|"publish"}} (not tagged by run): store requests
 *       and event publishes retried after a failure ({@code observatory.trainer.retry.*}).</li>
 * </ul>
 */
@ApplicationScoped
public class TrainerMetrics {

    static final String EPOCH_DURATION = "observatory.trainer.epoch";
    static final String EPOCHS_COMPLETED = "observatory.trainer.epochs.completed";
    static final String CHECKPOINT_SIZE = "observatory.trainer.checkpoint";
    static final String CHECKPOINT_UPLOAD = "observatory.trainer.checkpoint.upload";
    static final String LOSS = "observatory.trainer.loss";
    static final String RETRIES = "observatory.trainer.retries";
    /** {@link #retried} tag of a store request. */
    public static final String STORE = "store";
    /** {@link #retried} tag of an event publish. */
    public static final String PUBLISH = "publish";
    static final String RUN_TAG = "run";
    static final String SPLIT_TAG = "split";

    private final MeterRegistry registry;
    /** The latest loss per run and split, as double bits: what the loss gauges read. */
    private final Map<String, AtomicLong> latestLosses = new ConcurrentHashMap<>();

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void checkpointStored(String runId, long sizeBytes, Duration upload) {
        DistributionSummary.builder(CHECKPOINT_SIZE)
                .description("Size of each stored checkpoint")
                .baseUnit("bytes")
                .tag(RUN_TAG, runId)
                .register(registry)
                .record(sizeBytes);
        Timer.builder(CHECKPOINT_UPLOAD)
                .description("Time to store one checkpoint in the object store")
                .tag(RUN_TAG, runId)
                .register(registry)
                .record(upload);
    }

    /**
     * Records the epochs a checkpoint covers: {@code epochs} (the run's checkpoint interval, or fewer for the last)
     * trained in {@code wallTime} together. The timer gets their mean duration once per epoch, so that its count is
     * the epochs trained and its mean the time per epoch whatever the interval.
     */
    public void epochsCompleted(String runId, int epochs, Duration wallTime, double trainLoss, double testLoss) {
        Timer timer = Timer.builder(EPOCH_DURATION)
                .description("Wall time of one epoch: training, plus its share of evaluating, serialising and storing")
                .tag(RUN_TAG, runId)
                .register(registry);
        Duration perEpoch = wallTime.dividedBy(epochs);
        for (int e = 0; e < epochs; e++) {
            timer.record(perEpoch);
        }
        Counter.builder(EPOCHS_COMPLETED)
                .description("Epochs trained, counted when the checkpoint event covering them is published")
                .tag(RUN_TAG, runId)
                .register(registry)
                .increment(epochs);
        latestLoss(runId, "train").set(Double.doubleToLongBits(trainLoss));
        latestLoss(runId, "test").set(Double.doubleToLongBits(testLoss));
    }

    /** Counts one retry of a failed {@link #STORE} request or {@link #PUBLISH}. */
    public void retried(String operation) {
        Counter.builder(RETRIES)
                .description("Store requests and event publishes retried after a failure")
                .tag("operation", operation)
                .register(registry)
                .increment();
    }

    private AtomicLong latestLoss(String runId, String split) {
        return latestLosses.computeIfAbsent(runId + "/" + split, key -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(LOSS, bits, b -> Double.longBitsToDouble(b.get()))
                    .description("Mean binary cross-entropy of the latest epoch")
                    .tags(RUN_TAG, runId, SPLIT_TAG, split)
                    .register(registry);
            return bits;
        });
    }
}
