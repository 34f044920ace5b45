package org.descentobservatory.trainer.listener;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.trainer.config.Channels;
import org.descentobservatory.trainer.service.TrainingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Takes run requests off {@code observatory.run-requests}, as a member of the trainers' consumer group, and gives each
 * to {@link TrainingService}. The returned stage completes when the run has a training slot, and the connector hands
 * over the next request only then. The request is acknowledged when its run has ended; with the {@code throttled}
 * commit strategy the committed offset of a partition never passes an unacknowledged request, so a replica that dies
 * leaves its running and waiting runs to the partition's next owner (see application.properties for the settings
 * and why).
 */
@ApplicationScoped
public class RunRequestListener {

    private static final Logger LOG = Logger.getLogger(RunRequestListener.class);

    private final TrainingService training;

    public RunRequestListener(TrainingService training) {
        this.training = training;
    }

    @Incoming(Channels.RUN_REQUESTS)
    public CompletionStage<Void> onRequest(Message<RunRequest> message) {
        RunRequest request = message.getPayload();
        if (request == null) {
            // Not a valid RunRequest (the deserializer logged why): nothing to train, nothing to keep.
            LOG.warn("Skipping a record of observatory.run-requests that is not a valid RunRequest");
            return message.ack();
        }
        int partition = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getPartition).orElse(-1);
        LOG.infof("Run %s requested (partition %d)", request.runId(), partition);
        return training.accept(request, partition, message::ack);
    }
}
