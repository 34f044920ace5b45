package org.descentobservatory.trainer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.schemas.Topics;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One run's events per topic, read from the real topics, in offset order, each validated against its contract. */
public final class RunEvents {

    public final List<RunStartedEvent> started = new ArrayList<>();
    public final List<CheckpointEvent> checkpoints = new ArrayList<>();
    public final List<RunEndedEvent> ended = new ArrayList<>();

    private RunEvents() {
    }

    /**
     * The run's events, read from the beginning of the topics of the running test application's broker until its
     * RunEndedEvent; fails the test if none comes within {@code timeout}.
     */
    public static RunEvents readUntilEnded(String runId, Duration timeout) {
        RunEvents events = new RunEvents();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "trainer-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS_STARTED, Topics.CHECKPOINTS, Topics.RUNS_ENDED));
            Instant deadline = Instant.now().plus(timeout);
            while (events.ended.isEmpty()) {
                assertThat(Instant.now()).as("RunEndedEvent of %s", runId).isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (runId.equals(record.key())) {
                        events.add(record.topic(), record.value());
                    }
                }
            }
        }
        return events;
    }

    private void add(String topic, byte[] value) {
        switch (topic) {
            case Topics.RUNS_STARTED -> started.add(JsonContracts.read(value, RunStartedEvent.class));
            case Topics.CHECKPOINTS -> checkpoints.add(JsonContracts.read(value, CheckpointEvent.class));
            case Topics.RUNS_ENDED -> ended.add(JsonContracts.read(value, RunEndedEvent.class));
            default -> throw new IllegalStateException("Not subscribed to " + topic);
        }
    }
}
