package org.descentobservatory.analyzer.service;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.Topics;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The phases of a run's analyses as published on {@link Topics#ANALYSES}: what adaptive refinement rebuilds its state
 * from after a restart or a rebalance. Reads the partition holding the run's analyses (they are keyed by run id, so
 * Kafka's default partitioner puts them all in one) from its beginning to its end at the time of the call, with a
 * consumer of no group that commits nothing. Cost: the whole partition is read (every run's analyses sharing it),
 * once per run the analyzer takes up. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class PublishedPhases {

    private static final Logger LOG = Logger.getLogger(PublishedPhases.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Object> kafka;

    /** @param kafka the application's {@code kafka.*} settings (bootstrap servers, security), as Quarkus gives them */
    public PublishedPhases(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /**
     * Epoch → phase of every analysis of {@code runId} published so far.
     *
     * @throws IllegalStateException if the partition cannot be read to its end within a few minutes
     */
    public Map<Integer, String> of(String runId) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(Topics.ANALYSES, REQUEST_TIMEOUT).size();
            TopicPartition partition = new TopicPartition(Topics.ANALYSES, partitionOf(runId, partitions));
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), REQUEST_TIMEOUT).get(partition);
            Map<Integer, String> phases = new TreeMap<>();
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (consumer.position(partition, REQUEST_TIMEOUT) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Cannot read " + partition + " to offset " + end + " within "
                            + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (runId.equals(record.key())) {
                        add(record, phases);
                    }
                }
            }
            LOG.infof("Run %s: %d analyses already published (read %s up to offset %d)", runId, phases.size(),
                    partition, end);
            return phases;
        }
    }

    /**
     * The partition that Kafka's default partitioner gives a record keyed by {@code runId}: murmur2 of the key's
     * UTF-8 bytes, made positive, modulo the partition count (its {@code BuiltInPartitioner.partitionForKey}).
     */
    static int partitionOf(String runId, int partitions) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void add(ConsumerRecord<String, byte[]> record, Map<Integer, String> phases) {
        try {
            AnalysisEvent analysis = JsonContracts.read(record.value(), AnalysisEvent.class);
            phases.put(analysis.epoch(), analysis.phase());
        } catch (RuntimeException e) {
            LOG.warnf("Skipping record %d of %s-%d, not an analysis: %s", record.offset(), record.topic(),
                    record.partition(), e.getMessage());
        }
    }
}
