package org.descentobservatory.e2e;

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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads runs' events from the real topics, from the beginning, each validated against its contract. */
final class RunTopics {

    /** One run's events per topic, in offset order. */
    static final class RunEvents {
        final List<RunStartedEvent> started = new ArrayList<>();
        final List<CheckpointEvent> checkpoints = new ArrayList<>();
        final List<RunEndedEvent> ended = new ArrayList<>();

        int lastEpoch() {
            return checkpoints.stream().mapToInt(CheckpointEvent::epoch).max().orElse(0);
        }
    }

    private final String bootstrapServers;

    RunTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Reads the runs' events until {@code done} holds for every run.
     *
     * @throws AssertionError if {@code timeout} passes first
     */
    Map<String, RunEvents> readUntil(Collection<String> runIds, Predicate<RunEvents> done, Duration timeout) {
        Map<String, RunEvents> events = new HashMap<>();
        runIds.forEach(runId -> events.put(runId, new RunEvents()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(Topics.RUNS_STARTED, Topics.CHECKPOINTS, Topics.RUNS_ENDED));
            Instant deadline = Instant.now().plus(timeout);
            while (!events.values().stream().allMatch(done)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Runs " + runIds + " not done within " + timeout + "; last epochs "
                            + events.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().lastEpoch())
                            .toList());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RunEvents run = events.get(record.key());
                    if (run != null) {
                        add(run, record.topic(), record.value());
                    }
                }
            }
        }
        return events;
    }

    /** Reads what the runs published so far (whatever the topics hold within {@code settle}). */
    Map<String, RunEvents> readFor(Collection<String> runIds, Duration settle) {
        Instant until = Instant.now().plus(settle);
        return readUntil(runIds, run -> Instant.now().isAfter(until), settle.plusSeconds(30));
    }

    /** Reads until every run has ended. */
    Map<String, RunEvents> readUntilEnded(Collection<String> runIds, Duration timeout) {
        return readUntil(runIds, run -> !run.ended.isEmpty(), timeout);
    }

    private static void add(RunEvents run, String topic, byte[] value) {
        switch (topic) {
            case Topics.RUNS_STARTED -> run.started.add(JsonContracts.read(value, RunStartedEvent.class));
            case Topics.CHECKPOINTS -> run.checkpoints.add(JsonContracts.read(value, CheckpointEvent.class));
            case Topics.RUNS_ENDED -> run.ended.add(JsonContracts.read(value, RunEndedEvent.class));
            default -> throw new IllegalStateException("Not subscribed to " + topic);
        }
    }
}
