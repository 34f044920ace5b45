package org.descentobservatory.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Follows one run's analyses on the real analyses topic, from its beginning, each validated against its contract. */
final class RunAnalyses implements AutoCloseable {

    private final String runId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<AnalysisEvent> seen = new ArrayList<>();

    RunAnalyses(String bootstrapServers, String runId) {
        this.runId = runId;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-analyses-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ANALYSES));
    }

    /** Reads what arrived (waiting up to half a second); returns every analysis of the run seen so far. */
    List<AnalysisEvent> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (runId.equals(record.key())) {
                seen.add(JsonContracts.read(record.value(), AnalysisEvent.class));
            }
        }
        return List.copyOf(seen);
    }

    /** The epochs of {@link #poll()}'s analyses, in the order they were published (repeats included). */
    List<Integer> pollEpochs() {
        return poll().stream().map(AnalysisEvent::epoch).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
