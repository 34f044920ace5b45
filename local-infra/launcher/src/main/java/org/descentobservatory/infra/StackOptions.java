package org.descentobservatory.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an {@link ObservatoryStack}. A port of 0 means "any free port" (tests); the launcher uses the fixed
 * defaults the README documents.
 *
 * @param workDir       holds every process's config, data and log, and the JavaCPP cache
 * @param kafkaPort     broker port
 * @param storePort     S3 store port
 * @param trainerPort   trainer-service HTTP port
 * @param analyzerPort  analyzer-service HTTP port
 * @param dashboardPort dashboard-service HTTP port
 * @param serviceConfig extra system properties, applied after (so overriding) the stack's own settings; a key under
 *                      one service's prefix ({@code observatory.trainer.}, {@code observatory.analysis.},
 *                      {@code observatory.dashboard.}) goes to that service only, any other key to all three
 */
public record StackOptions(Path workDir, int kafkaPort, int storePort, int trainerPort, int analyzerPort,
                           int dashboardPort, Map<String, String> serviceConfig) {

    public StackOptions {
        Objects.requireNonNull(workDir, "workDir");
        serviceConfig = Map.copyOf(serviceConfig);
    }

    /** The fixed ports: Kafka 9092, store 9000, trainer 8081, analyzer 8082, dashboard 8080. */
    public static StackOptions defaultPorts(Path workDir) {
        return new StackOptions(workDir, LocalInfrastructure.DEFAULT_KAFKA_PORT, LocalInfrastructure.DEFAULT_STORE_PORT,
                ObservatoryService.TRAINER.defaultPort(), ObservatoryService.ANALYZER.defaultPort(),
                ObservatoryService.DASHBOARD.defaultPort(), Map.of());
    }

    /** Free ports everywhere, for tests that must not clash with a running stack or each other. */
    public static StackOptions freePorts(Path workDir) {
        return new StackOptions(workDir, 0, 0, 0, 0, 0, Map.of());
    }

    /** These options with {@code config} as the extra service properties. */
    public StackOptions withServiceConfig(Map<String, String> config) {
        return new StackOptions(workDir, kafkaPort, storePort, trainerPort, analyzerPort, dashboardPort, config);
    }

    /** The port requested for {@code service}. */
    public int portOf(ObservatoryService service) {
        return switch (service) {
            case TRAINER -> trainerPort;
            case ANALYZER -> analyzerPort;
            case DASHBOARD -> dashboardPort;
        };
    }
}
