package org.descentobservatory.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.Topics;

/**
 * What the services need around them: a Kafka broker with every topic of {@link Topics#ALL} and an S3 store with
 * the bucket {@link ObjectKeys#DEFAULT_BUCKET}, started together (in parallel) under one work directory.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The broker's port when the launcher runs the stack: the services' default {@code kafka.bootstrap.servers}. */
    public static final int DEFAULT_KAFKA_PORT = 9092;

    /** The store's port when the launcher runs the stack: the services' default {@code observatory.store.endpoint}. */
    public static final int DEFAULT_STORE_PORT = 9000;

    /** Partitions per topic: runs are spread over them by key (run id). */
    public static final int PARTITIONS = 3;

    private static final short REPLICATION = 1;

    private final KafkaBroker broker;
    private final S3Store store;

    private LocalInfrastructure(KafkaBroker broker, S3Store store) {
        this.broker = broker;
        this.store = store;
    }

    /**
     * Starts broker and store on free ports, for tests.
     *
     * @param workDir holds {@code kafka/} and {@code s3proxy/} (config, data, logs)
     */
    public static LocalInfrastructure start(Path workDir) {
        return start(ProjectLayout.locate(), workDir, 0, 0);
    }

    /**
     * Starts broker and store, then creates the topics and the bucket if missing. On failure, whatever was started
     * is stopped again.
     *
     * @param kafkaPort broker port, 0 for a free one
     * @param storePort store port, 0 for a free one
     * @throws IllegalStateException if a jar directory is missing, a port is taken, or a process fails to start
     */
    public static LocalInfrastructure start(ProjectLayout layout, Path workDir, int kafkaPort, int storePort) {
        CompletableFuture<S3Store> pendingStore = CompletableFuture.supplyAsync(
                () -> S3Store.start(layout, workDir.resolve("s3proxy"), storePort));
        KafkaBroker broker;
        try {
            broker = KafkaBroker.start(layout, workDir.resolve("kafka"), kafkaPort);
        } catch (RuntimeException e) {
            pendingStore.thenAccept(S3Store::close);
            throw e;
        }
        S3Store store;
        try {
            store = pendingStore.join();
        } catch (CompletionException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        LocalInfrastructure infrastructure = new LocalInfrastructure(broker, store);
        try {
            infrastructure.createTopics();
            store.ensureBucket(ObjectKeys.DEFAULT_BUCKET);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        return infrastructure;
    }

    /** {@code kafka.bootstrap.servers} for the services. */
    public String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    /** {@code observatory.store.endpoint} for the services. */
    public String storeEndpoint() {
        return store.endpoint();
    }

    /** {@code observatory.store.access-key} for the services. */
    public String storeAccessKey() {
        return store.accessKey();
    }

    /** {@code observatory.store.secret-key} for the services. */
    public String storeSecretKey() {
        return store.secretKey();
    }

    /** {@code observatory.store.bucket} for the services; it exists once {@code start} returns. */
    public String bucket() {
        return ObjectKeys.DEFAULT_BUCKET;
    }

    /**
     * What a service needs to use this broker and store: {@code kafka.bootstrap.servers} and
     * {@code observatory.store.endpoint}, {@code .access-key}, {@code .secret-key}, {@code .bucket}.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        config.put("observatory.store.endpoint", storeEndpoint());
        config.put("observatory.store.access-key", storeAccessKey());
        config.put("observatory.store.secret-key", storeSecretKey());
        config.put("observatory.store.bucket", bucket());
        return config;
    }

    /** The broker, e.g. for an admin client. */
    public KafkaBroker broker() {
        return broker;
    }

    /** The broker's and the store's processes. */
    public List<ChildProcess> processes() {
        return List.of(broker.process(), store.process());
    }

    /** Stops the broker and the store. */
    @Override
    public void close() {
        CompletableFuture<Void> storeStopped = CompletableFuture.runAsync(store::close);
        broker.close();
        storeStopped.join();
    }

    /** Creates each topic of {@link Topics#ALL} that does not exist yet; existing ones are left as they are. */
    private void createTopics() {
        try (Admin admin = broker.newAdmin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, PARTITIONS, REPLICATION))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey() + " on "
                                + broker.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the topics on " + broker.bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
