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
import org.descentobservatory.trainer.config.Channels;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Publishes a run's records keyed by run id (so a run's events share a partition and keep their order), each call
 * returning only once the broker has acknowledged the record: a checkpoint event is never ahead of its
 * predecessors. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class RunEventPublisher {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<RunRequest> requests;
    private final MutinyEmitter<RunControl> controls;
    private final MutinyEmitter<RunStartedEvent> started;
    private final MutinyEmitter<CheckpointEvent> checkpoints;
    private final MutinyEmitter<RunEndedEvent> ended;
    private final KafkaClientService kafka;

    public RunEventPublisher(@Channel(Channels.RUN_REQUESTS_OUT) MutinyEmitter<RunRequest> requests,
                             @Channel(Channels.RUN_CONTROL_OUT) MutinyEmitter<RunControl> controls,
                             @Channel(Channels.RUNS_STARTED) MutinyEmitter<RunStartedEvent> started,
                             @Channel(Channels.CHECKPOINTS) MutinyEmitter<CheckpointEvent> checkpoints,
                             @Channel(Channels.RUNS_ENDED) MutinyEmitter<RunEndedEvent> ended,
                             KafkaClientService kafka) {
        this.requests = requests;
        this.controls = controls;
        this.started = started;
        this.checkpoints = checkpoints;
        this.ended = ended;
        this.kafka = kafka;
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
        send(started, event);
    }

    public void checkpoint(CheckpointEvent event) {
        send(checkpoints, event);
    }

    public void ended(RunEndedEvent event) {
        send(ended, event);
    }

    private static <T extends ObservatoryEvent> void send(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(Topics.keyOf(event), event));
    }
}
