package org.descentobservatory.trainer.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Accepts runs and trains up to {@code observatory.trainer.max-concurrent-runs} of them at once on a
 * {@link ManagedExecutor}, a view of Quarkus's worker pool limited to that many tasks at a time; further runs wait in
 * its unbounded FIFO queue as {@code QUEUED}. Training is blocking, heavy work and never touches the event loop. On
 * shutdown running runs are interrupted (they end CANCELLED) and queued ones are dropped with a warning.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    /** How long a shutdown waits for interrupted runs: one minibatch, storing and publishing their end. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final RunRegistry registry;
    private final RunExecutor executor;
    private final RunTasks tasks;
    private final ManagedExecutor runs;

    public TrainingService(RunRegistry registry, RunExecutor executor, RunTasks tasks, TrainerConfig config) {
        int slots = config.trainer().maxConcurrentRuns();
        if (slots < 1) {
            throw new IllegalArgumentException("observatory.trainer.max-concurrent-runs must be at least 1, is " + slots);
        }
        this.registry = registry;
        this.executor = executor;
        this.tasks = tasks;
        // Training needs no request or CDI context from the submitting thread.
        this.runs = ManagedExecutor.builder()
                .maxAsync(slots)
                .maxQueued(-1)
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build();
    }

    /**
     * Queues a validated run; returns its snapshot with the new run id.
     *
     * @throws org.descentobservatory.trainer.domain.InvalidRunSpecException when its dataset path is not usable here
     */
    public RunSnapshot submit(RunSpec spec) {
        tasks.requireSubmittable(spec);
        RunSnapshot run = registry.register(spec, Instant.now());
        runs.execute(() -> executor.execute(run.runId(), spec));
        LOG.infof("Run %s queued", run.runId());
        return run;
    }

    public Optional<RunSnapshot> find(String runId) {
        return registry.find(runId);
    }

    public List<RunSnapshot> all() {
        return registry.all();
    }

    /**
     * Interrupts the running runs and waits for them to publish their end. Observes {@link ShutdownEvent}, which
     * comes before the beans are destroyed: a {@code @PreDestroy} would leave the runs' threads using a destroyed
     * store and closed emitters.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        List<Runnable> waiting = runs.shutdownNow();
        if (!waiting.isEmpty()) {
            LOG.warnf("Shutting down with %d queued runs not started", waiting.size());
        }
        if (!runs.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warnf("Runs still busy %d s after the interrupt; shutting down anyway", SHUTDOWN_GRACE.toSeconds());
        }
    }
}
