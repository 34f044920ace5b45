package org.descentobservatory.trainer.service;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.trainer.config.Channels;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes a run's events keyed by run id (so they share a partition and keep their order), each call returning only
 * once the broker has acknowledged the record: a checkpoint event is never ahead of its predecessors. Blocking: call
 * from a worker thread.
 */
@ApplicationScoped
public class RunEventPublisher {

    private final MutinyEmitter<RunStartedEvent> started;
    private final MutinyEmitter<CheckpointEvent> checkpoints;
    private final MutinyEmitter<RunEndedEvent> ended;

    public RunEventPublisher(@Channel(Channels.RUNS_STARTED) MutinyEmitter<RunStartedEvent> started,
                             @Channel(Channels.CHECKPOINTS) MutinyEmitter<CheckpointEvent> checkpoints,
                             @Channel(Channels.RUNS_ENDED) MutinyEmitter<RunEndedEvent> ended) {
        this.started = started;
        this.checkpoints = checkpoints;
        this.ended = ended;
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
