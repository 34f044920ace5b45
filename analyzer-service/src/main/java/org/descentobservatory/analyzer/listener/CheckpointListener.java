package org.descentobservatory.analyzer.listener;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.analyzer.config.Channels;
import org.descentobservatory.analyzer.service.CheckpointAnalysisService;
import org.descentobservatory.analyzer.service.CheckpointRejectedException;
import org.descentobservatory.schemas.CheckpointEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyses every checkpoint event, one at a time per partition (so per run), on a worker thread: an analysis
 * takes seconds of CPU. A failure nacks the record, which the channel's dead-letter-queue strategy moves to
 * {@code Topics.DEAD_LETTER} with the reason in its headers; records that are not valid CheckpointEvent JSON arrive
 * here without a value and are refused too (the strategy then forwards their original bytes and the schema
 * violations, see application.properties).
 *
 * <p>Metrics: {@value #DEAD_LETTERS} counts the records sent to the dead-letter topic, tagged by the exception's
 * class; {@value #QUEUE_LAG} is the age of the checkpoint event whose analysis started last (now − its
 * {@code createdAt}): how far the analyzer runs behind the trainer.
 */
@ApplicationScoped
public class CheckpointListener {

    /** Counter of dead-lettered records ({@code observatory_dead_letters_total} in Prometheus). */
    public static final String DEAD_LETTERS = "observatory.dead.letters";
    /** Gauge of the queue lag ({@code observatory_analysis_queue_lag_seconds}). */
    public static final String QUEUE_LAG = "observatory.analysis.queue.lag.seconds";

    private final CheckpointAnalysisService analysis;
    private final MeterRegistry registry;
    private final AtomicLong lagMillis = new AtomicLong();

    public CheckpointListener(CheckpointAnalysisService analysis, MeterRegistry registry) {
        this.analysis = analysis;
        this.registry = registry;
        Gauge.builder(QUEUE_LAG, lagMillis, lag -> lag.get() / 1000.0)
                .description("Age of the checkpoint event whose analysis started last").register(registry);
    }

    @Incoming(Channels.CHECKPOINTS)
    @Blocking(ordered = true)
    public void onCheckpoint(CheckpointEvent event) {
        try {
            if (event == null) {
                throw new CheckpointRejectedException("Checkpoint record without a valid value");
            }
            lagMillis.set(Math.max(0, Duration.between(event.createdAt(), Instant.now()).toMillis()));
            analysis.analyse(event);
        } catch (RuntimeException e) {
            registry.counter(DEAD_LETTERS, "reason", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }
}
