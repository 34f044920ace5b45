package org.descentobservatory.analyzer.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Forgets the adaptive refinements of this replica when it loses checkpoint partitions: another replica may publish
 * analyses of those runs meanwhile, so if the partitions come back their runs' state must be read again from the
 * analyses topic, not taken from memory.
 */
@ApplicationScoped
@Identifier(CheckpointRebalanceListener.NAME)
public class CheckpointRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The name application.properties gives the checkpoint channel's rebalance listener. */
    public static final String NAME = "checkpoints-rebalance";

    private final CheckpointListener checkpoints;

    public CheckpointRebalanceListener(CheckpointListener checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            checkpoints.forgetRefinements();
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
