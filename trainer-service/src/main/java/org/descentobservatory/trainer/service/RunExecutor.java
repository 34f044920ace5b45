package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunControl;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.store.RetriesExhaustedException;
import org.descentobservatory.trainer.compute.Checkpoint;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.EpochStatistics;
import org.descentobservatory.trainer.compute.EpochTrainer;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.descentobservatory.trainer.compute.WeightNorms;
import org.descentobservatory.trainer.compute.lstm.FusedLstm;
import org.descentobservatory.trainer.compute.task.TrainingTask;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.ProgressWindow;
import org.descentobservatory.trainer.domain.RunManifest;
import org.descentobservatory.trainer.domain.RunProgress;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.descentobservatory.trainer.storage.RunStateStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains one run on the calling (worker) thread, from its start or from where its last trainer left it. Every step
 * whose effect others see is made durable first and published after, and the run's manifest records what was
 * published, so that after a crash at any point the next trainer redoes exactly what may be missing:
 * <ol>
 *   <li>prepare the task's data ({@link RunTasks});</li>
 *   <li>manifest (start time) → probe set → publish {@link RunStartedEvent} → manifest "start published";</li>
 *   <li>per epoch e: train; after every {@code checkpointInterval}-th epoch and the last: evaluate both splits,
 *       store the checkpoint zip, store the {@link CheckpointEvent} as JSON (its batch statistics and wall time cover
 *       every epoch since the previous checkpoint), publish it (awaiting the broker's ack), manifest "e published";</li>
 *   <li>manifest (the end) → publish {@link RunEndedEvent} → manifest "end published": COMPLETED; FAILED with the
 *       reason; CANCELLED when a user cancelled it.</li>
 * </ol>
 * Resuming after the last published epoch p: a stored event of epoch p + 1 is published as stored (its checkpoint
 * is stored too), else epoch p + 1 is trained again from checkpoint p. Training from a checkpoint repeats the
 * uninterrupted run bit for bit (weights, Adam's state and step count are in the checkpoint, an epoch's data order
 * depends on (seed, epoch) only), so no epoch is missing and none is published with different contents; at worst
 * the last one before a crash is published twice, identical.
 * <p>
 * A run asked to hand over (see {@link RunStop}) stops at the next minibatch without ending: whoever trains it next
 * resumes it.
 * <p>
 * Every store request and publish of these steps is retried with backoff ({@code observatory.trainer.retry.*}), so a
 * store or broker away for a while only pauses the run, at the step it was at; the order above still holds, so no
 * event is published before what it names is stored. The run ends FAILED, naming the request and the last error,
 * only when the retries are exhausted.
 */
@ApplicationScoped
public class RunExecutor {

    /** How a run left this replica. */
    public enum Outcome {
        /** It ended (completed, failed or cancelled) and its end is published: its request is done. */
        ENDED,
        /** It stopped without ending, to be resumed elsewhere or later: its request must stay pending. */
        HANDED_OVER
    }

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final CheckpointStore store;
    private final RunStateStore state;
    private final RunEventPublisher publisher;
    private final TrainerMetrics metrics;
    private final CheckpointRetention retention;
    private final Replica replica;
    private final RunTasks tasks;
    private final boolean fusedLstm;
    private final int lstmThreads;

    public RunExecutor(CheckpointStore store, RunStateStore state, RunEventPublisher publisher, TrainerMetrics metrics,
                       CheckpointRetention retention, Replica replica, RunTasks tasks, TrainerConfig config) {
        this.store = store;
        this.state = state;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retention = retention;
        this.replica = replica;
        this.tasks = tasks;
        this.fusedLstm = config.trainer().fusedLstm();
        this.lstmThreads = FusedLstm.threadsPerRun(config.trainer().lstmThreads(),
                config.trainer().maxConcurrentRuns());
    }

    public Outcome execute(RunRequest request, RunStop stop) {
        String runId = request.runId();
        RunManifest manifest = state.findManifest(runId).orElse(null);
        if (manifest != null && manifest.ended() != null) {
            finishEnd(manifest);
            LOG.infof("Run %s already ended %s; nothing to do", runId, manifest.ended().status());
            return Outcome.ENDED;
        }
        Optional<RunControl> cancel = state.findCancelRequest(runId);
        if (cancel.isPresent()) {
            end(manifestOf(request, manifest), RunEndedEvent.Status.CANCELLED, cancelReason(cancel.get().reason()));
            return Outcome.ENDED;
        }
        manifest = manifest == null ? RunManifest.starting(request, replica.id(), Instant.now())
                : manifest.takenOverBy(replica.id(), Instant.now());
        // The manifest as last stored, so that however training stops, its end counts the epochs published.
        AtomicReference<RunManifest> current = new AtomicReference<>(manifest);
        try {
            TrainingTask task = tasks.prepare(request.spec());
            start(request, task, current);
            train(current, task, stop);
            if (!stop.ending()) {
                throw new CancellationException("stop requested after the last epoch");
            }
            end(current.get(), RunEndedEvent.Status.COMPLETED, null);
            LOG.infof("Run %s completed after %d epochs", runId, request.spec().epochs());
            return Outcome.ENDED;
        } catch (RuntimeException | Error e) {
            if (Thread.interrupted() || Interrupts.causedBy(e) || !stop.ending()) {
                return stopped(current.get(), stop, e);
            }
            LOG.errorf(e, "Run %s failed", runId);
            end(current.get(), RunEndedEvent.Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            return Outcome.ENDED;
        }
    }

    /** The run was interrupted: it ends CANCELLED if a user asked, else it is handed over. */
    private Outcome stopped(RunManifest manifest, RunStop stop, Throwable where) {
        // The interrupt is consumed here: publishing the end or returning the thread to the pool must not see it.
        Thread.interrupted();
        if (stop.reason() == RunStop.Reason.CANCEL) {
            LOG.infof("Run %s cancelled after epoch %d", manifest.runId(), manifest.lastPublishedEpoch());
            end(manifest, RunEndedEvent.Status.CANCELLED, cancelReason(stop.detail()));
            return Outcome.ENDED;
        }
        LOG.infof("Run %s handed over after epoch %d (%s): %s", manifest.runId(), manifest.lastPublishedEpoch(),
                stop.detail() == null ? "interrupted" : stop.detail(), where.getMessage());
        return Outcome.HANDED_OVER;
    }

    /** Publishes the start unless the manifest says it was. */
    private void start(RunRequest request, TrainingTask task, AtomicReference<RunManifest> current) {
        RunManifest manifest = current.get();
        state.putManifest(manifest);
        if (manifest.startPublished()) {
            return;
        }
        store.putProbeSet(task.probeSet(request.runId()));
        publisher.started(RunStartedEvent.of(request.runId(), request.spec(), manifest.startedAt()));
        store(current, manifest.withStartPublished(Instant.now()));
        LOG.infof("Run %s started on %s: %s", request.runId(), replica.id(), request.spec());
    }

    /**
     * Trains the epochs after the last published one.
     *
     * @throws CancellationException when {@code stop} is requested (checked between minibatches)
     */
    private void train(AtomicReference<RunManifest> current, TrainingTask task, RunStop stop) {
        String runId = current.get().runId();
        RunSpec spec = current.get().spec();
        publishStoredEpoch(current);
        int resumeAfter = current.get().lastPublishedEpoch();
        retention.tracking(runId, resumeAfter);
        try {
            MultiLayerNetwork network = resumeAfter == 0 ? task.newNetwork()
                    : CheckpointCodec.decode(store.getCheckpoint(runId, resumeAfter));
            if (resumeAfter > 0) {
                LOG.infof("Run %s resumes on %s from the checkpoint of epoch %d/%d", runId, replica.id(), resumeAfter,
                        spec.epochs());
            }
            EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed(), fusedLstm, lstmThreads);
            ProgressWindow window = new ProgressWindow();
            EpochStatistics sinceCheckpoint = null;
            int lastCheckpoint = resumeAfter;
            long start = System.nanoTime();
            for (int epoch = resumeAfter + 1; epoch <= spec.epochs(); epoch++) {
                if (stop.isRequested()) {
                    throw new CancellationException("stop requested before epoch " + epoch);
                }
                EpochStatistics trained = trainer.trainEpoch(network, task.train(), epoch);
                sinceCheckpoint = sinceCheckpoint == null ? trained : sinceCheckpoint.and(trained);
                if (!isCheckpointEpoch(spec, epoch)) {
                    continue;
                }
                CheckpointEvent event = checkpoint(runId, network, task, epoch, epoch - lastCheckpoint,
                        sinceCheckpoint, Duration.ofNanos(System.nanoTime() - start));
                sinceCheckpoint = null;
                lastCheckpoint = epoch;
                start = System.nanoTime();
                publisher.checkpoint(event);
                store(current, current.get().withPublishedEpoch(epoch, Instant.now()));
                retention.published(runId, epoch);
                window.completed(epoch, Instant.now());
                logEpoch(event, spec.epochs(), window.progress(spec.epochs()));
            }
        } finally {
            retention.untracking(runId);
        }
    }

    /** A checkpoint follows every {@code checkpointInterval}-th epoch and the last. */
    static boolean isCheckpointEpoch(RunSpec spec, int epoch) {
        return epoch % spec.checkpointInterval() == 0 || epoch == spec.epochs();
    }

    /** The first checkpoint epoch after {@code epoch}. */
    static int nextCheckpointEpoch(RunSpec spec, int epoch) {
        return Math.min((epoch / spec.checkpointInterval() + 1) * spec.checkpointInterval(), spec.epochs());
    }

    /**
     * Evaluates and stores the checkpoint of {@code epoch}; returns its event, stored, not yet published.
     *
     * @param epochs      epochs trained since the previous checkpoint
     * @param minibatches the training statistics of every epoch since the previous checkpoint
     * @param training    the time spent training them
     */
    private CheckpointEvent checkpoint(String runId, MultiLayerNetwork network, TrainingTask task, int epoch,
                                       int epochs, EpochStatistics minibatches, Duration training) {
        long start = System.nanoTime();
        SplitMetrics train = task.evaluateTrain(network);
        SplitMetrics test = task.evaluateTest(network);
        Map<String, Double> weightNorms = WeightNorms.of(network);
        Checkpoint checkpoint = CheckpointCodec.encode(network);
        long uploadStart = System.nanoTime();
        String key = store.putCheckpoint(runId, epoch, checkpoint.bytes());
        metrics.checkpointStored(runId, checkpoint.sizeBytes(), Duration.ofNanos(System.nanoTime() - uploadStart));
        Duration wallTime = training.plusNanos(System.nanoTime() - start);
        CheckpointEvent event = CheckpointEvent.of(runId, epoch, train.meanLoss(), test.meanLoss(), test.accuracy(),
                test.wrongLoss(), minibatches.meanBatchLoss(), minibatches.maxBatchLoss(),
                minibatches.meanGradientNorm(), minibatches.maxGradientNorm(), weightNorms,
                key, checkpoint.sha256(), checkpoint.sizeBytes(), wallTime.toMillis(), Instant.now());
        state.putCheckpointEvent(event);
        metrics.epochsCompleted(runId, epochs, wallTime, train.meanLoss(), test.meanLoss());
        return event;
    }

    /**
     * Publishes the epoch after the last published one if its event is stored: the previous trainer stored it and
     * died before the broker acknowledged it, or before it recorded the ack.
     */
    private void publishStoredEpoch(AtomicReference<RunManifest> current) {
        RunManifest manifest = current.get();
        int last = manifest.lastPublishedEpoch();
        int next = nextCheckpointEpoch(manifest.spec(), last);
        Optional<CheckpointEvent> stored = last >= manifest.spec().epochs() ? Optional.empty()
                : state.findCheckpointEvent(manifest.runId(), next);
        if (stored.isEmpty()) {
            return;
        }
        publisher.checkpoint(stored.get());
        store(current, manifest.withPublishedEpoch(next, Instant.now()));
        LOG.infof("Run %s: published the stored event of epoch %d again", manifest.runId(), next);
    }

    /** Stores the manifest, then makes it the current one. */
    private void store(AtomicReference<RunManifest> current, RunManifest manifest) {
        state.putManifest(manifest);
        current.set(manifest);
    }

    private static void logEpoch(CheckpointEvent event, int epochs, RunProgress progress) {
        LOG.infof("Run %s epoch %d/%d: train loss %.4f, test loss %.4f (accuracy %.3f; on wrong reviews %s), "
                        + "batch loss mean %.4f max %.4f, gradient norm mean %.4f max %.4f, %.2f s; %s",
                event.runId(), event.epoch(), epochs, event.trainLoss(), event.testLoss(), event.testAccuracy(),
                event.wrongTestLoss() == null ? "none" : String.format("%.4f", event.wrongTestLoss()),
                event.meanBatchLoss(), event.maxBatchLoss(), event.meanGradientNorm(), event.maxGradientNorm(),
                event.wallTimeMs() / 1000.0, describe(progress));
    }

    private static String describe(RunProgress progress) {
        if (progress.epochsPerSecond() == null) {
            return "rate unknown yet";
        }
        return String.format("%.3f epochs/s, ETA %s", progress.epochsPerSecond(),
                Duration.ofSeconds(progress.etaSeconds()).toString().substring(2).toLowerCase());
    }

    /**
     * Records the end in the manifest, then publishes it. When the store stays away through every retry (often the
     * reason the run failed), the end is published all the same, so that the run shows its end and reason; its
     * manifest then keeps its last stored state.
     */
    private void end(RunManifest manifest, RunEndedEvent.Status status, String reason) {
        RunEndedEvent ended = RunEndedEvent.of(manifest.runId(), status, reason, manifest.lastPublishedEpoch(),
                Instant.now());
        RunManifest ending = manifest.withEnded(ended, Instant.now());
        try {
            state.putManifest(ending);
        } catch (RetriesExhaustedException e) {
            LOG.errorf("Run %s: cannot store its end (%s); publishing it all the same: %s", manifest.runId(),
                    status, e.getMessage());
            publisher.ended(ended);
            return;
        }
        finishEnd(ending);
    }

    /** Publishes the stored end unless the manifest says it was. */
    private void finishEnd(RunManifest manifest) {
        if (manifest.endPublished()) {
            return;
        }
        publisher.ended(manifest.ended());
        state.putManifest(manifest.withEndPublished(Instant.now()));
    }

    private RunManifest manifestOf(RunRequest request, RunManifest manifest) {
        return manifest != null ? manifest : RunManifest.starting(request, replica.id(), Instant.now());
    }

    private static String cancelReason(String detail) {
        return detail == null || detail.isBlank() ? "cancelled" : "cancelled: " + detail;
    }
}
