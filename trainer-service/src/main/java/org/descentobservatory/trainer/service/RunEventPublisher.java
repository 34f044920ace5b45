package org.descentobservatory.trainer.service;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.RunControl;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.store.Backoff;
import org.descentobservatory.trainer.config.Channels;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Publishes a run's records keyed by run id (so a run's events share a partition and keep their order), each call
 * returning only once the broker has acknowledged the record: a checkpoint event is never ahead of its
 * predecessors. A run's events (started, checkpoint, ended) whose publish fails are published again with the
 * trainer's backoff ({@code observatory.trainer.retry.*}, counted in {@link TrainerMetrics}), unless the thread was
 * interrupted; {@link org.descentobservatory.store.RetriesExhaustedException} when every attempt failed. A publish
 * whose ack was lost but whose record was written is then on the topic twice, identical, as after a trainer crash.
 * Requests and cancels are published once: their REST caller sees the failure. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class RunEventPublisher {

    private static final Logger LOG = Logger.getLogger(RunEventPublisher.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<RunRequest> requests;
    private final MutinyEmitter<RunControl> controls;
    private final MutinyEmitter<RunStartedEvent> started;
    private final MutinyEmitter<CheckpointEvent> checkpoints;
    private final MutinyEmitter<RunEndedEvent> ended;
    private final KafkaClientService kafka;
    private final Backoff backoff;
    private final TrainerMetrics metrics;

    public RunEventPublisher(@Channel(Channels.RUN_REQUESTS_OUT) MutinyEmitter<RunRequest> requests,
                             @Channel(Channels.RUN_CONTROL_OUT) MutinyEmitter<RunControl> controls,
                             @Channel(Channels.RUNS_STARTED) MutinyEmitter<RunStartedEvent> started,
                             @Channel(Channels.CHECKPOINTS) MutinyEmitter<CheckpointEvent> checkpoints,
                             @Channel(Channels.RUNS_ENDED) MutinyEmitter<RunEndedEvent> ended,
                             KafkaClientService kafka, TrainerConfig config, TrainerMetrics metrics) {
        this.requests = requests;
        this.controls = controls;
        this.started = started;
        this.checkpoints = checkpoints;
        this.ended = ended;
        this.kafka = kafka;
        this.backoff = config.trainer().retry().backoff();
        this.metrics = metrics;
    }

    /** The number of partitions of the run-request topic: how many replicas can train requests in parallel. */
    public int requestPartitions() {
        return kafka.getProducer(Channels.RUN_REQUESTS_OUT).partitionsFor(Topics.RUN_REQUESTS)
                .await().atMost(METADATA_TIMEOUT).size();
    }

    /**
     * Publishes a run request to an explicit partition: a sweep's runs go round-robin over the partitions, hence over
     * the replicas owning them, instead of wherever their ids hash.
     */
    public void request(RunRequest request, int partition) {
        requests.sendMessageAndAwait(Message.of(request).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Topics.keyOf(request)).withPartition(partition).build()));
    }

    public void control(RunControl control) {
        send(controls, control);
    }

    public void started(RunStartedEvent event) {
        sendRetried(started, event, "the start of run " + event.runId());
    }

    public void checkpoint(CheckpointEvent event) {
        sendRetried(checkpoints, event, "the checkpoint event of run " + event.runId() + " epoch " + event.epoch());
    }

    public void ended(RunEndedEvent event) {
        sendRetried(ended, event, "the end of run " + event.runId());
    }

    private <T extends ObservatoryEvent> void sendRetried(MutinyEmitter<T> emitter, T event, String what) {
        backoff.call(() -> {
            send(emitter, event);
            return null;
        }, failure -> !Interrupts.causedBy(failure), (attempt, delay, failure) -> {
            LOG.warnf("Publishing %s failed (attempt %d of %d), retrying in %d ms: %s", what, attempt,
                    backoff.maxAttempts(), delay.toMillis(), failure.toString());
            metrics.retried(TrainerMetrics.PUBLISH);
        });
    }

    private static <T extends ObservatoryEvent> void send(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(Topics.keyOf(event), event));
    }
}
