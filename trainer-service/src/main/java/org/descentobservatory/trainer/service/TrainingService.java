package org.descentobservatory.trainer.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;
import org.nd4j.linalg.factory.Nd4j;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * This replica's training slots: trains up to {@code observatory.trainer.max-concurrent-runs} runs at once on a
 * {@link ManagedExecutor}, a view of Quarkus's worker pool limited to that many tasks. Runs come from the run-request
 * topic ({@link org.descentobservatory.trainer.listener.RunRequestListener}); {@link #accept} answers a stage that
 * completes only when the run has a slot, and the listener takes the next request only then, so a replica never
 * holds more requests than it can train (besides the connector's small prefetch, see application.properties).
 * <p>
 * A request is acknowledged (its offset may be committed) only when its run has ended. A run can also leave without
 * ending: when its request's partition is revoked (another replica now owns it) or this replica shuts down, it is
 * stopped at the next minibatch and its request is left unacknowledged, so the partition's next owner, or this
 * replica after a restart, gets it again and resumes the run from its last checkpoint. Training is blocking, heavy
 * work and never touches the event loop.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);

    private final RunExecutor executor;
    private final RunRegistry registry;
    private final Replica replica;
    private final Duration handoverGrace;
    private final int slots;
    private final ManagedExecutor pool;
    /** Runs given to this replica and not gone yet, started or waiting for a slot, by run id. */
    private final Map<String, LocalRun> local = new ConcurrentHashMap<>();

    public TrainingService(RunExecutor executor, RunRegistry registry, Replica replica, TrainerConfig config) {
        this.slots = config.trainer().maxConcurrentRuns();
        if (slots < 1) {
            throw new IllegalArgumentException("observatory.trainer.max-concurrent-runs must be at least 1, is " + slots);
        }
        this.executor = executor;
        this.registry = registry;
        this.replica = replica;
        this.handoverGrace = config.trainer().handoverGrace();
        // Training needs no request or CDI context from the submitting thread.
        this.pool = ManagedExecutor.builder()
                .maxAsync(slots)
                .maxQueued(-1)
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build();
    }

    void started(@Observes StartupEvent event) {
        // ND4J's static initialisation (native libraries, backend) runs here, on the startup thread, not on the first
        // run's thread: cancelling a run interrupts its thread, and an interrupt during that initialisation leaves
        // Nd4j unusable for the rest of the JVM (NoClassDefFoundError for every later run).
        Nd4j.create(1);
        LOG.infof("Trainer replica %s: %d training slot(s), ND4J backend %s", replica.id(), slots,
                Nd4j.getBackend().getClass().getSimpleName());
    }

    /**
     * Trains the requested run when a slot is free.
     *
     * @param partition the request's partition of {@link Topics#RUN_REQUESTS}
     * @param ack       acknowledges the request; called once the run has ended
     * @return completes when the run has a slot (or needs none: it is already here)
     */
    public CompletionStage<Void> accept(RunRequest request, int partition, Supplier<CompletionStage<Void>> ack) {
        CompletableFuture<Void> slotTaken = new CompletableFuture<>();
        LocalRun run = new LocalRun(request, new TopicPartition(Topics.RUN_REQUESTS, partition));
        LocalRun here = local.putIfAbsent(request.runId(), run);
        if (here != null) {
            // Its partition came back to this replica while the run was still here: the new delivery is acknowledged
            // with the run's end, as the old one, whose acknowledgement the revocation voided.
            LOG.infof("Run %s is already here; its request came again", request.runId());
            here.acks.add(ack);
            slotTaken.complete(null);
            return slotTaken;
        }
        run.acks.add(ack);
        registry.requested(request);
        pool.execute(() -> {
            slotTaken.complete(null);
            if (!run.begin()) {
                return; // handed over while it waited for the slot
            }
            RunExecutor.Outcome outcome = RunExecutor.Outcome.HANDED_OVER;
            try {
                registry.trainedHere(request.runId(), replica.id());
                outcome = executor.execute(request, run.stop);
            } catch (RuntimeException e) {
                // E.g. the store or the broker unreachable before the run could even end: its request stays
                // unacknowledged, so the run is resumed at the partition's next assignment or this replica's restart.
                LOG.errorf(e, "Run %s left unfinished on %s", request.runId(), replica.id());
            } finally {
                run.finish();
                registry.trainedHere(request.runId(), null);
                local.remove(request.runId(), run);
                if (outcome == RunExecutor.Outcome.ENDED) {
                    run.acks.forEach(Supplier::get);
                }
                run.gone.complete(null);
            }
        });
        return slotTaken;
    }

    /**
     * Cancels the run if it is trained or waiting here: it ends CANCELLED at the next minibatch.
     *
     * @return whether the run is here
     */
    public boolean cancel(String runId, String reason) {
        LocalRun run = local.get(runId);
        if (run == null) {
            return false;
        }
        LOG.infof("Run %s: cancel requested (%s)", runId, reason);
        run.stop(RunStop.Reason.CANCEL, reason);
        return true;
    }

    /**
     * Stops the runs whose requests came from {@code partitions} without ending them, and waits (up to
     * {@code observatory.trainer.handover-grace}) until they have stopped, so that the partitions' next owner does
     * not train a run that is still training here.
     */
    public void handOver(Collection<TopicPartition> partitions, String why) {
        Set<TopicPartition> revoked = Set.copyOf(partitions);
        List<LocalRun> leaving = local.values().stream().filter(run -> revoked.contains(run.partition)).toList();
        if (leaving.isEmpty()) {
            return;
        }
        LOG.infof("Handing over %s (%s)", leaving.stream().map(run -> run.request.runId())
                .collect(Collectors.joining(", ")), why);
        for (LocalRun run : leaving) {
            if (run.abandon(why)) {
                // Never started: it is gone now, so that a new delivery of its request is not taken for a duplicate.
                local.remove(run.request.runId(), run);
                run.gone.complete(null);
            } else {
                run.stop(RunStop.Reason.HAND_OVER, why);
            }
        }
        CompletableFuture<?> allGone = CompletableFuture.allOf(
                leaving.stream().map(run -> run.gone).toArray(CompletableFuture[]::new));
        try {
            allGone.get(handoverGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Runs still stopping %d s after the hand-over; letting them go", handoverGrace.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for runs to stop failed", e.getCause());
        }
    }

    /** Runs started or waiting here. */
    public int localRuns() {
        return local.size();
    }

    /**
     * Hands every run over before the beans are destroyed (a {@code @PreDestroy} would leave the runs' threads using
     * a destroyed store and closed emitters): a run stopped by a shutdown is resumed by the next owner of its
     * request, so a rolling restart loses at most the epoch in progress.
     */
    void stop(@Observes ShutdownEvent event) {
        handOver(local.values().stream().map(run -> run.partition).toList(), "replica " + replica.id()
                + " shutting down");
        pool.shutdownNow();
    }

    /** A run given to this replica: its request, where the request came from and how to stop it. */
    private static final class LocalRun {
        final RunRequest request;
        final TopicPartition partition;
        final RunStop stop = new RunStop();
        final CompletableFuture<Void> gone = new CompletableFuture<>();
        /** Acknowledge the run's request (each delivery of it); called once the run has ended. */
        final List<Supplier<CompletionStage<Void>>> acks = new CopyOnWriteArrayList<>();
        /** The thread training the run; null before and after. */
        private Thread thread;
        private boolean finished;
        private boolean abandoned;

        LocalRun(RunRequest request, TopicPartition partition) {
            this.request = request;
            this.partition = partition;
        }

        /** Binds the run to the current thread; false when it was handed over while waiting for its slot. */
        synchronized boolean begin() {
            if (abandoned) {
                return false;
            }
            thread = Thread.currentThread();
            return true;
        }

        /** Hands over a run that has not begun: true if so (it will not begin), false if it has begun. */
        synchronized boolean abandon(String why) {
            if (thread != null || finished) {
                return false;
            }
            stop.request(RunStop.Reason.HAND_OVER, why);
            abandoned = true;
            return true;
        }

        synchronized void finish() {
            thread = null;
            finished = true;
            // An interrupt that came after the run stopped must not reach the pool thread's next task.
            Thread.interrupted();
        }

        synchronized void stop(RunStop.Reason reason, String detail) {
            if (stop.request(reason, detail) && thread != null && !finished) {
                thread.interrupt();
            }
        }
    }
}
