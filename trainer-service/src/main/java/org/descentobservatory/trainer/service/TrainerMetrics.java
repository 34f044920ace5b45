package org.descentobservatory.trainer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The trainer's meters, tagged by run id: {@code observatory_trainer_epoch_seconds} (epoch wall time: training,
 * evaluation, serialising and storing, as in the checkpoint event) and {@code observatory_trainer_epochs_completed_total}.
 */
@ApplicationScoped
public class TrainerMetrics {

    static final String EPOCH_DURATION = "observatory.trainer.epoch";
    static final String EPOCHS_COMPLETED = "observatory.trainer.epochs.completed";
    static final String RUN_TAG = "run";

    private final MeterRegistry registry;

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void epochCompleted(String runId, Duration wallTime) {
        Timer.builder(EPOCH_DURATION)
                .description("Wall time of one epoch: training, evaluation, serialising and storing")
                .tag(RUN_TAG, runId)
                .register(registry)
                .record(wallTime);
        Counter.builder(EPOCHS_COMPLETED)
                .description("Epochs whose checkpoint event was published")
                .tag(RUN_TAG, runId)
                .register(registry)
                .increment();
    }
}
