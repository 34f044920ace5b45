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
import org.descentobservatory.analyzer.service.PublishedPhases;
import org.descentobservatory.analyzer.storage.StoredCheckpointEvents;
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
 * sampled epochs are analysed on arrival, skipped ones (read from the store) when a phase change between sampled
 * epochs needs them. A run's refinement is built from its analyses already published when the run is first seen here,
 * and forgotten when this replica loses partitions ({@link CheckpointRebalanceListener}), so that a restart or a
 * rebalance neither loses a pending refinement nor analyses an epoch twice.
 */
@ApplicationScoped
public class CheckpointListener {

    /** Counter of dead-lettered records ({@code observatory_dead_letters_total} in Prometheus). */
    public static final String DEAD_LETTERS = "observatory.dead.letters";
    /** Counter of skipped epochs that refinement could not analyse. */
    public static final String REFINEMENT_FAILURES = "observatory.refinement.failures";
    /** Gauge of the queue lag ({@code observatory_analysis_queue_lag_seconds}). */
    public static final String QUEUE_LAG = "observatory.analysis.queue.lag.seconds";

    /** Runs whose refinement state is kept (least recently used dropped). */
    private static final int TRACKED_RUNS = 64;

    private final CheckpointAnalysisService analysis;
    private final PublishedPhases published;
    private final StoredCheckpointEvents storedEvents;
    private final MeterRegistry registry;
    private final int refinementStride;
    private final AtomicLong lagMillis = new AtomicLong();
    private final Map<String, AdaptiveRefinement> refinements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AdaptiveRefinement> eldest) {
            return size() > TRACKED_RUNS;
        }
    };

    public CheckpointListener(CheckpointAnalysisService analysis, PublishedPhases published,
                              StoredCheckpointEvents storedEvents, MeterRegistry registry, AnalyzerConfig config) {
        this.analysis = analysis;
        this.published = published;
        this.storedEvents = storedEvents;
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
            refinement(event.runId()).onCheckpoint(event, checkpoint -> analysis.analyse(checkpoint).phase(),
                    epoch -> fillIn(event.runId(), epoch));
        } catch (RuntimeException e) {
            registry.counter(DEAD_LETTERS, "reason", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }

    /**
     * Analyses a skipped epoch during refinement, from its stored checkpoint event; null when the run has no
     * checkpoint of that epoch. Its record was acknowledged long ago, so a failure cannot dead-letter it: it is logged
     * and counted ({@value #REFINEMENT_FAILURES}), and bisection stops there.
     */
    private String fillIn(String runId, int epoch) {
        try {
            return storedEvents.find(runId, epoch).map(checkpoint -> analysis.analyse(checkpoint).phase())
                    .orElse(null);
        } catch (RuntimeException e) {
            registry.counter(REFINEMENT_FAILURES, "reason", e.getClass().getSimpleName()).increment();
            return null;
        }
    }

    /** Forgets every run's refinement: rebuilt from the analyses topic when the run's next checkpoint comes. */
    public synchronized void forgetRefinements() {
        refinements.clear();
    }

    private synchronized AdaptiveRefinement refinement(String runId) {
        return refinements.computeIfAbsent(runId, id -> new AdaptiveRefinement(refinementStride,
                refinementStride > 1 ? published.of(id) : Map.of()));
    }
}
