package org.descentobservatory.trainer.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.descentobservatory.infra.KafkaBroker;
import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker and an S3 store of the test class's own ({@link LocalInfrastructure}: child processes, every topic,
 * the bucket), which the test may stop (SIGTERM) and start again, each on its port and directory, its data kept:
 * {@link #stopStore()}, {@link #startStore()}, {@link #stopBroker()}, {@link #startBroker()}. The processes' ids,
 * ports and directory are kept in system properties: Quarkus may load this class in another class loader than the
 * test's, and both must reach the same processes.
 */
public class RestartableInfraResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "descentobservatory.restartable-infra.";

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "restartable-infra-" + System.nanoTime()).toAbsolutePath();
        int kafkaPort = freePort();
        int storePort = freePort();
        LocalInfrastructure infrastructure = LocalInfrastructure.start(ProjectLayout.locate(), dir, kafkaPort,
                storePort);
        set("dir", dir.toString());
        set("kafka-port", Integer.toString(kafkaPort));
        set("store-port", Integer.toString(storePort));
        set("kafka-pid", Long.toString(infrastructure.processes().get(0).pid()));
        set("store-pid", Long.toString(infrastructure.processes().get(1).pid()));
        return infrastructure.serviceConfig();
    }

    @Override
    public void stop() {
        stopBroker();
        stopStore();
    }

    /** Starts the store again on its port and directory; returns once it answers. */
    public static void startStore() {
        S3Store store = S3Store.start(ProjectLayout.locate(), dir().resolve("s3proxy"), port("store-port"));
        set("store-pid", Long.toString(store.process().pid()));
    }

    /** Stops the store (SIGTERM) if it runs, and waits for its process to exit. */
    public static void stopStore() {
        stop("store-pid");
    }

    /** Starts the broker again on its port and directory (topics and offsets kept); returns once it answers. */
    public static void startBroker() {
        KafkaBroker broker = KafkaBroker.start(ProjectLayout.locate(), dir().resolve("kafka"), port("kafka-port"));
        set("kafka-pid", Long.toString(broker.process().pid()));
    }

    /** Stops the broker (SIGTERM) if it runs, and waits for its process to exit. */
    public static void stopBroker() {
        stop("kafka-pid");
    }

    private static void stop(String pidProperty) {
        String pid = System.clearProperty(PREFIX + pidProperty);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static void set(String name, String value) {
        System.setProperty(PREFIX + name, value);
    }

    private static Path dir() {
        return Path.of(System.getProperty(PREFIX + "dir"));
    }

    private static int port(String name) {
        return Integer.parseInt(System.getProperty(PREFIX + name));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
