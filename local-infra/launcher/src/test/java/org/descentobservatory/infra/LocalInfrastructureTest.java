package org.descentobservatory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;

/**
 * The real broker and store as child processes, used through the clients the services use. One infrastructure
 * serves the class (starting it is the slow part); the last test closes it and checks that nothing is left running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInfrastructureTest {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(15);

    private static LocalInfrastructure infrastructure;

    @BeforeAll
    static void startInfrastructure() {
        infrastructure = LocalInfrastructure.start(Path.of("target", "test-infra"));
    }

    @AfterAll
    static void stopInfrastructureIfATestFailedBeforeClosingIt() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void createsEveryTopicWithThreePartitions() throws Exception {
        try (Admin admin = infrastructure.broker().newAdmin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS);

            assertThat(topics).containsOnlyKeys(Topics.ALL);
            assertThat(topics.values()).allSatisfy(topic -> {
                assertThat(topic.partitions()).hasSize(LocalInfrastructure.PARTITIONS);
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
            });
        }
    }

    @Test
    void deliversARecordFromProducerToConsumer() throws Exception {
        String runId = "run-" + System.nanoTime();
        String value = "{\"runId\":\"" + runId + "\"}";
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            written = producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, value)).get(10, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(written.topic(), written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).isNotEmpty();
        assertThat(received.get(0).key()).isEqualTo(runId);
        assertThat(received.get(0).value()).isEqualTo(value);
    }

    @Test
    void storesAndReturnsAnObjectThroughTheMinioClient() throws Exception {
        MinioClient minio = MinioClient.builder()
                .endpoint(infrastructure.storeEndpoint())
                .credentials(infrastructure.storeAccessKey(), infrastructure.storeSecretKey())
                .build();
        String bucket = infrastructure.bucket();
        String key = ObjectKeys.checkpoint("run-minio-test", 7);
        byte[] content = new byte[200 * 1024];
        new Random(42).nextBytes(content);

        assertThat(bucket).isEqualTo(ObjectKeys.DEFAULT_BUCKET);
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).build());
        assertThat(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size())
                .isEqualTo(content.length);
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        assertThatThrownBy(() -> minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void refusesARequestSignedWithTheWrongSecret() {
        MinioClient stranger = MinioClient.builder()
                .endpoint(infrastructure.storeEndpoint())
                .credentials(infrastructure.storeAccessKey(), "not-the-secret")
                .build();

        assertThatThrownBy(() -> stranger.getObject(GetObjectArgs.builder()
                        .bucket(infrastructure.bucket()).object("any").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code())
                        .isIn("SignatureDoesNotMatch", "AccessDenied", "InvalidAccessKeyId"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeLeavesNoChildProcessAlive() {
        List<ProcessHandle> started = infrastructure.processes().stream().map(ChildProcess::handle).toList();
        assertThat(started).hasSize(2).allSatisfy(process -> assertThat(process.isAlive()).isTrue());

        infrastructure.close();
        infrastructure = null;

        assertThat(started).allSatisfy(process -> assertThat(process.isAlive()).isFalse());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }
}
