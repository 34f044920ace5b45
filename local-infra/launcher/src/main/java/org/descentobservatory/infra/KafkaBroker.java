package org.descentobservatory.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka 4 broker in KRaft mode (one process, broker and controller) as a child process, listening on
 * 127.0.0.1. Its storage is formatted on first start and kept, with the topics' data, in {@code <workDir>/data}: a
 * restart on the same directory sees the earlier records.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Bound on the broker's start, from launching the JVM to answering a metadata request. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final int NODE_ID = 1;

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the storage on first start, starts the broker and waits until it answers
     * {@code describeCluster} with itself.
     *
     * @param workDir working directory for config, data and {@code kafka.log}
     * @param port    client port, 0 for a free one; the controller always gets a free port
     * @throws IllegalStateException if the jars are not built, the port is taken, or the broker fails to start
     */
    public static KafkaBroker start(ProjectLayout layout, Path workDir, int port) {
        Path dir = workDir.toAbsolutePath();
        int brokerPort = Ports.resolve(port, "Kafka broker");
        int controllerPort = Ports.resolve(0, "Kafka controller");
        Path config = writeServerProperties(dir, brokerPort, controllerPort);
        List<String> jvm = concat(ChildProcess.LIGHT_JVM_OPTIONS, List.of(
                "-Dlog4j2.configurationFile=" + layout.kafkaLogConfig(),
                "-cp", layout.kafkaLib().resolve("*").toString()));

        // A formatted directory keeps its cluster id: formatting it again, even with --ignore-formatted, fails on
        // the new id, so storage is formatted only on first start.
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            ChildProcess.run("kafka-storage-format", concat(jvm, List.of("-Xmx256m",
                            "kafka.tools.StorageTool", "format",
                            "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString())),
                    dir.resolve("kafka-format.log"), FORMAT_TIMEOUT);
        }

        ChildProcess process = ChildProcess.start("kafka",
                concat(jvm, List.of("-Xmx512m", "kafka.Kafka", config.toString())), Map.of(), dir.resolve("kafka.log"));
        KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + brokerPort);
        try (Admin admin = broker.newAdmin()) {
            // The port check first keeps the admin client from logging a warning for every refused connection.
            process.awaitReady(READY_TIMEOUT, () -> Ports.accepts(brokerPort)
                    && !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty());
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return broker;
    }

    /** {@code host:port} for Kafka clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * An admin client for this broker with short timeouts (a local broker answers in milliseconds or not at all).
     * The caller closes it.
     */
    public Admin newAdmin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /** The broker's process. */
    public ChildProcess process() {
        return process;
    }

    /** Stops the broker (SIGTERM: it shuts down cleanly in a few seconds). */
    @Override
    public void close() {
        process.stop();
    }

    private static Path writeServerProperties(Path dir, int brokerPort, int controllerPort) {
        String listener = "PLAINTEXT://127.0.0.1:" + brokerPort;
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + NODE_ID,
                "controller.quorum.voters=" + NODE_ID + "@127.0.0.1:" + controllerPort,
                "listeners=" + listener + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                // One node: internal topics cannot have more than one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers of a fresh group get their partitions at once instead of after 3 s.
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("server.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker config in " + dir, e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
