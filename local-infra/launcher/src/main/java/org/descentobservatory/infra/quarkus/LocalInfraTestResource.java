package org.descentobservatory.infra.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.descentobservatory.infra.LocalInfrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker (with every topic) and a real S3 store:
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
 * class CheckpointFlowTest { ... }
 * </pre>
 * One {@link LocalInfrastructure} serves every test class of a test JVM: it starts with the first class that asks,
 * under {@code target/local-infra/} of the module (emptied first), and is stopped by the JVM's shutdown hook, not
 * by {@link #stop()}, so later classes reuse it instead of waiting for a new broker.
 * <p>
 * Quarkus may load this class once per application class loader (one per restart), so the shared connection
 * settings are also kept in system properties, which all class loaders of the JVM see.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Where the infrastructure's config, data and logs go, relative to the test JVM's working directory. */
    public static final Path WORK_DIR = Path.of("target", "local-infra");

    /** Prefix of the system properties that hold the shared infrastructure's settings. */
    private static final String SHARED_PREFIX = "descentobservatory.test-infra.";

    /**
     * Returns the connection settings of the JVM's shared infrastructure, starting it if this is the first call.
     *
     * @return {@code kafka.bootstrap.servers}, {@code observatory.store.endpoint}, {@code .access-key},
     *         {@code .secret-key} and {@code .bucket}
     */
    @Override
    public Map<String, String> start() {
        return sharedConfig();
    }

    /** Leaves the shared infrastructure running for the next test class; the JVM's exit stops it. */
    @Override
    public void stop() {
    }

    private static Map<String, String> sharedConfig() {
        synchronized (System.getProperties()) {
            if (System.getProperty(SHARED_PREFIX + "kafka.bootstrap.servers") == null) {
                configOf(LocalInfrastructure.start(emptyWorkDir()))
                        .forEach((key, value) -> System.setProperty(SHARED_PREFIX + key, value));
            }
            Map<String, String> config = new HashMap<>();
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith(SHARED_PREFIX)) {
                    config.put(name.substring(SHARED_PREFIX.length()), System.getProperty(name));
                }
            }
            return config;
        }
    }

    private static Map<String, String> configOf(LocalInfrastructure infrastructure) {
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "observatory.store.endpoint", infrastructure.storeEndpoint(),
                "observatory.store.access-key", infrastructure.storeAccessKey(),
                "observatory.store.secret-key", infrastructure.storeSecretKey(),
                "observatory.store.bucket", infrastructure.bucket());
    }

    private static Path emptyWorkDir() {
        Path dir = WORK_DIR.toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot empty " + dir + " for the test infrastructure", e);
            }
        }
        return dir;
    }
}
