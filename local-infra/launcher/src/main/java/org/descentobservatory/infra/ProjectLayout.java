package org.descentobservatory.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the built artifacts the launcher runs live: the broker's and store's jar directories and logging configs,
 * and each service's packaged {@code quarkus-run.jar}. Every accessor checks that its path exists and otherwise
 * fails with a message naming the path and the build command that produces it.
 */
public final class ProjectLayout {

    /** System property that names the project root explicitly, overriding the search from the working directory. */
    public static final String HOME_PROPERTY = "observatory.home";

    /** The command that builds everything this class looks for. */
    public static final String BUILD_COMMAND = "mvn -B install -DskipTests";

    private static final Path KAFKA_DIST = Path.of("local-infra", "kafka-dist");
    private static final Path S3PROXY_DIST = Path.of("local-infra", "s3proxy-dist");

    private final Path root;

    private ProjectLayout(Path root) {
        this.root = root;
    }

    /**
     * Finds the project root: the directory named by {@value #HOME_PROPERTY} if set, else the nearest directory at or
     * above the working directory that contains {@code local-infra/kafka-dist}.
     *
     * @throws IllegalStateException if neither yields a project root
     */
    public static ProjectLayout locate() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            Path root = Path.of(home).toAbsolutePath().normalize();
            if (!Files.isDirectory(root.resolve(KAFKA_DIST))) {
                throw new IllegalStateException("-D" + HOME_PROPERTY + "=" + home
                        + " is not the Descent Observatory project root: " + root.resolve(KAFKA_DIST) + " is missing");
            }
            return new ProjectLayout(root);
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(KAFKA_DIST))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the Descent Observatory project root: no directory at or above "
                + start + " contains " + KAFKA_DIST + ". Run from inside the project or pass -D" + HOME_PROPERTY
                + "=<project root>.");
    }

    /** The project root directory. */
    public Path root() {
        return root;
    }

    /** The Kafka broker's runtime jars ({@code local-infra/kafka-dist/target/lib}). */
    public Path kafkaLib() {
        return requireJars(root.resolve(KAFKA_DIST).resolve("target/lib"), "Kafka broker jars");
    }

    /** The broker's log4j2 config ({@code local-infra/kafka-dist/target/config/log4j2.properties}). */
    public Path kafkaLogConfig() {
        return requireFile(root.resolve(KAFKA_DIST).resolve("target/config/log4j2.properties"), "Kafka log config");
    }

    /** S3Proxy's runtime jars ({@code local-infra/s3proxy-dist/target/lib}). */
    public Path s3proxyLib() {
        return requireJars(root.resolve(S3PROXY_DIST).resolve("target/lib"), "S3Proxy jars");
    }

    /** S3Proxy's logback config ({@code local-infra/s3proxy-dist/target/config/logback.xml}). */
    public Path s3proxyLogConfig() {
        return requireFile(root.resolve(S3PROXY_DIST).resolve("target/config/logback.xml"), "S3Proxy log config");
    }

    /** A service's packaged application ({@code <module>/target/quarkus-app/quarkus-run.jar}). */
    public Path serviceJar(ObservatoryService service) {
        return requireFile(root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                service.module() + " application");
    }

    private Path requireJars(Path dir, String what) {
        try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            if (entries.anyMatch(p -> p.getFileName().toString().endsWith(".jar"))) {
                return dir;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        throw missing(dir, what);
    }

    private Path requireFile(Path file, String what) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw missing(file, what);
    }

    private IllegalStateException missing(Path path, String what) {
        return new IllegalStateException(what + " not found: " + path + " is missing. Build the project first: cd "
                + root + " && " + BUILD_COMMAND);
    }
}
