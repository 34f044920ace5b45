package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.trainer.compute.Checkpoint;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.EpochStatistics;
import org.descentobservatory.trainer.compute.EpochTrainer;
import org.descentobservatory.trainer.compute.SentimentData;
import org.descentobservatory.trainer.compute.SentimentNetworkFactory;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.descentobservatory.trainer.compute.SyntheticSentimentTask;
import org.descentobservatory.trainer.compute.WeightNorms;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.EpochSummary;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.descentobservatory.trainer.domain.RunStatus;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Trains one run from start to end on the calling (worker) thread:
 * <ol>
 *   <li>publish {@link RunStartedEvent};</li>
 *   <li>generate the data and store the probe set (before any checkpoint event, so the analyzer can rely on it);</li>
 *   <li>per epoch: train, evaluate both splits, serialise, store the checkpoint, and only then publish its
 *       {@link CheckpointEvent}, awaiting the broker's ack, so that every event points at an object that exists;</li>
 *   <li>publish {@link RunEndedEvent}: COMPLETED, or FAILED with the reason, or CANCELLED when the thread is
 *       interrupted during training (the trainer shutting down, see {@link TrainingService}).</li>
 * </ol>
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final CheckpointStore store;
    private final RunEventPublisher publisher;
    private final RunRegistry registry;
    private final TrainerMetrics metrics;
    private final boolean fusedLstm;

    public RunExecutor(CheckpointStore store, RunEventPublisher publisher, RunRegistry registry,
                       TrainerMetrics metrics, TrainerConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.registry = registry;
        this.metrics = metrics;
        this.fusedLstm = config.trainer().fusedLstm();
    }

    public void execute(String runId, RunSpec spec) {
        registry.update(runId, run -> run.withStatus(RunStatus.RUNNING, null));
        try {
            publisher.started(RunStartedEvent.of(runId, spec, Instant.now()));
            LOG.infof("Run %s started: %s", runId, spec);
            train(runId, spec);
            end(runId, RunStatus.COMPLETED, null);
            LOG.infof("Run %s completed after %d epochs", runId, spec.epochs());
        } catch (RuntimeException | Error e) {
            // Clear a pending interrupt so that the end can still be published; restore it for the executor after.
            boolean interrupted = Thread.interrupted() || causedByInterrupt(e);
            if (interrupted) {
                LOG.warnf("Run %s cancelled: %s", runId, e.getMessage());
                end(runId, RunStatus.CANCELLED, "trainer shutting down: " + e.getMessage());
                Thread.currentThread().interrupt();
            } else {
                LOG.errorf(e, "Run %s failed", runId);
                end(runId, RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Whether {@code e} is the trainer interrupting the run (shutdown), wherever the interrupt surfaced: between
     * minibatches ({@link CancellationException}) or inside a blocking call such as an object-store upload, which
     * wraps the {@link InterruptedException}.
     */
    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    private void train(String runId, RunSpec spec) {
        SentimentData data = SyntheticSentimentTask.generate(spec);
        store.putProbeSet(ProbeSet.of(runId, data.test().firstSequences(spec.probeCount())));
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed(), fusedLstm);
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            long start = System.nanoTime();
            EpochStatistics minibatches = trainer.trainEpoch(network, data.train(), epoch);
            SplitMetrics train = SplitEvaluator.evaluate(network, data.train());
            SplitMetrics test = SplitEvaluator.evaluate(network, data.test());
            Map<String, Double> weightNorms = WeightNorms.of(network);
            Checkpoint checkpoint = CheckpointCodec.encode(network);
            long uploadStart = System.nanoTime();
            String key = store.putCheckpoint(runId, epoch, checkpoint.bytes());
            metrics.checkpointStored(runId, checkpoint.sizeBytes(), Duration.ofNanos(System.nanoTime() - uploadStart));
            Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
            publisher.checkpoint(CheckpointEvent.of(runId, epoch, train.meanLoss(), test.meanLoss(), test.accuracy(),
                    test.wrongLoss(), minibatches.meanBatchLoss(), minibatches.maxBatchLoss(),
                    minibatches.meanGradientNorm(), minibatches.maxGradientNorm(), weightNorms,
                    key, checkpoint.sha256(), checkpoint.sizeBytes(), wallTime.toMillis(), Instant.now()));
            EpochSummary summary = new EpochSummary(epoch, train.meanLoss(), test.meanLoss(), test.accuracy(),
                    wallTime.toMillis());
            registry.update(runId, run -> run.withEpoch(summary));
            metrics.epochCompleted(runId, wallTime, train.meanLoss(), test.meanLoss());
            LOG.infof("Run %s epoch %d/%d: train loss %.4f (accuracy %.3f), test loss %.4f (accuracy %.3f; "
                            + "on wrong reviews %s), batch loss mean %.4f max %.4f, gradient norm mean %.4f max %.4f, "
                            + "%.2f s",
                    runId, epoch, spec.epochs(), train.meanLoss(), train.accuracy(), test.meanLoss(), test.accuracy(),
                    test.wrongLoss() == null ? "none" : String.format("%.4f", test.wrongLoss()),
                    minibatches.meanBatchLoss(), minibatches.maxBatchLoss(), minibatches.meanGradientNorm(),
                    minibatches.maxGradientNorm(), wallTime.toMillis() / 1000.0);
        }
    }

    /** Records and publishes the end; the epochs completed are those the registry saw published. */
    private void end(String runId, RunStatus status, String reason) {
        registry.update(runId, run -> run.withStatus(status, reason));
        int epochsCompleted = registry.find(runId).map(RunSnapshot::epochsCompleted).orElse(0);
        try {
            publisher.ended(RunEndedEvent.of(runId, RunEndedEvent.Status.valueOf(status.name()), reason,
                    epochsCompleted, Instant.now()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Run %s: cannot publish its end (%s)", runId, status);
        }
    }

}
