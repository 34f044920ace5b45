package org.descentobservatory.analyzer.listener;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.analyzer.config.Channels;
import org.descentobservatory.analyzer.service.AdaptiveRefinement;
import org.descentobservatory.analyzer.service.CheckpointAnalysisService;
import org.descentobservatory.analyzer.service.CheckpointRejectedException;
import org.descentobservatory.schemas.CheckpointEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *
 * <p>With {@code refinement-stride} k &gt; 1 each run's checkpoints go through its {@link AdaptiveRefinement}: only
 * sampled epochs are analysed on arrival, held-back ones when a phase change between sampled epochs needs them.
 */
@ApplicationScoped
public class CheckpointListener {

    /** Counter of dead-lettered records ({@code observatory_dead_letters_total} in Prometheus). */
    public static final String DEAD_LETTERS = "observatory.dead.letters";
    /** Counter of held-back epochs that refinement could not analyse. */
    public static final String REFINEMENT_FAILURES = "observatory.refinement.failures";
    /** Gauge of the queue lag ({@code observatory_analysis_queue_lag_seconds}). */
    public static final String QUEUE_LAG = "observatory.analysis.queue.lag.seconds";

    /** Runs whose refinement state is kept (least recently used dropped). */
    private static final int TRACKED_RUNS = 64;

    private final CheckpointAnalysisService analysis;
    private final MeterRegistry registry;
    private final int refinementStride;
    private final AtomicLong lagMillis = new AtomicLong();
    private final Map<String, AdaptiveRefinement> refinements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AdaptiveRefinement> eldest) {
            return size() > TRACKED_RUNS;
        }
    };

    public CheckpointListener(CheckpointAnalysisService analysis, MeterRegistry registry, AnalyzerConfig config) {
        this.analysis = analysis;
        this.registry = registry;
        this.refinementStride = config.analysis().refinementStride();
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
            refinement(event.runId()).onCheckpoint(event, checkpoint -> checkpoint == event
                    ? analysis.analyse(checkpoint).phase() : fillIn(checkpoint));
        } catch (RuntimeException e) {
            registry.counter(DEAD_LETTERS, "reason", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }

    /**
     * Analyses a held-back epoch during refinement. Its record was acknowledged long ago, so a failure cannot
     * dead-letter it: it is logged and counted ({@value #REFINEMENT_FAILURES}), and bisection stops there.
     */
    private String fillIn(CheckpointEvent checkpoint) {
        try {
            return analysis.analyse(checkpoint).phase();
        } catch (RuntimeException e) {
            registry.counter(REFINEMENT_FAILURES, "reason", e.getClass().getSimpleName()).increment();
            return null;
        }
    }

    private synchronized AdaptiveRefinement refinement(String runId) {
        return refinements.computeIfAbsent(runId, id -> new AdaptiveRefinement(refinementStride));
    }
}
