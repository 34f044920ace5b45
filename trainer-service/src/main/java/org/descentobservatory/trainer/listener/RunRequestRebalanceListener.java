package org.descentobservatory.trainer.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.descentobservatory.trainer.service.TrainingService;

import java.util.Collection;

/**
 * Hands runs over when their request partitions leave this replica. With the cooperative-sticky assignor only the
 * partitions that actually move are revoked, and the revocation completes (this callback returns) before the new
 * owner receives them; stopping the partitions' runs here first keeps every run on exactly one replica. A lost
 * partition (this replica was too slow to heartbeat, the group moved on) is handed over the same way.
 */
@ApplicationScoped
@Identifier(RunRequestRebalanceListener.NAME)
public class RunRequestRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The name application.properties gives the run-request channel's rebalance listener. */
    public static final String NAME = "run-requests-rebalance";

    private final TrainingService training;

    public RunRequestRebalanceListener(TrainingService training) {
        this.training = training;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        training.handOver(partitions, "partitions " + partitions + " revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        training.handOver(partitions, "partitions " + partitions + " lost");
    }
}
