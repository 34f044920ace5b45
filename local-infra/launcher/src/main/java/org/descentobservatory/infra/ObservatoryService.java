package org.descentobservatory.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The three Quarkus services of the observatory: their Maven module, default HTTP port and JVM options.
 */
public enum ObservatoryService {

    /** Trains the LSTM with DL4J; ND4J needs heap and bounded native memory. */
    TRAINER("trainer-service", 8081, true, "observatory.trainer."),
    /** Analyses every checkpoint with ND4J in double precision. */
    ANALYZER("analyzer-service", 8082, true, "observatory.analysis."),
    /** Serves the timeline; light. */
    DASHBOARD("dashboard-service", 8080, false, "observatory.dashboard.");

    private final String module;
    private final int defaultPort;
    private final boolean usesNd4j;
    private final String configPrefix;

    ObservatoryService(String module, int defaultPort, boolean usesNd4j, String configPrefix) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.usesNd4j = usesNd4j;
        this.configPrefix = configPrefix;
    }

    /** The service whose own settings {@code key} belongs to; empty for a setting every service may share. */
    public static Optional<ObservatoryService> owning(String key) {
        return Arrays.stream(values()).filter(service -> key.startsWith(service.configPrefix)).findFirst();
    }

    /** The Maven module directory under the project root, also the service's name in logs. */
    public String module() {
        return module;
    }

    /** The port the service listens on when the launcher runs it (the one the README documents). */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * JVM options for the service's process. ND4J services get a 2 GB heap, a 4 GB cap on JavaCPP's off-heap memory
     * and a native-library cache under the work dir (extracted once, reused by later starts); the dashboard 512 MB.
     *
     * @param javacppCache directory where JavaCPP extracts its native libraries
     */
    public List<String> jvmOptions(java.nio.file.Path javacppCache) {
        if (!usesNd4j) {
            return List.of("-Xmx512m");
        }
        return List.of("-Xmx2g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G",
                "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
    }
}
