package org.descentobservatory.e2e;

import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.descentobservatory.infra.ProjectLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link EndToEndScenario} on Docker, as {@code docker compose up} runs the observatory: Kafka (the official
 * apache/kafka image, KRaft), MinIO and the three services' images (built by {@code docker compose build}, tag
 * {@code -Dobservatory.image.tag}, default the compose default), all on one container network under their compose
 * names. The topics come from {@code deploy/kafka/topics}, as in compose. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest extends EndToEndScenario {

    /** The images docker-compose.yml uses, so that this suite tests what users run. */
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String MINIO_IMAGE = "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z.hotfix.7aa24e772";
    private static final String IMAGE_TAG = System.getProperty("observatory.image.tag", "0.1.0");

    /** Kafka's listener for the other containers, at the compose name: kafka:19092. */
    private static final String KAFKA_IN_NETWORK = "kafka:19092";
    private static final String STORE_USER = "observatory-e2e";
    private static final String STORE_PASSWORD = "observatory-e2e-secret";
    /** First start of an ND4J service extracts its native libraries. */
    private static final Duration SERVICE_START = Duration.ofMinutes(3);

    private static final Network NETWORK = Network.newNetwork();
    private static final List<Startable> STARTED = new ArrayList<>();
    private static ObservatoryEndpoints endpoints;

    @BeforeAll
    static void startContainers() throws Exception {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(NETWORK).withNetworkAliases("kafka").withListener(KAFKA_IN_NETWORK);
        GenericContainer<?> minio = new GenericContainer<>(DockerImageName.parse(MINIO_IMAGE))
                .withNetwork(NETWORK).withNetworkAliases("minio")
                .withCommand("server", "/data")
                .withEnv(Map.of("MINIO_ROOT_USER", STORE_USER, "MINIO_ROOT_PASSWORD", STORE_PASSWORD))
                .withExposedPorts(9000)
                .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));
        start(kafka, minio);
        createTopics(kafka.getBootstrapServers());

        // The trainer creates the bucket at startup (ObjectStore.ensureBucket).
        Map<String, String> storeClient = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KAFKA_IN_NETWORK,
                "OBSERVATORY_STORE_ENDPOINT", "http://minio:9000",
                "OBSERVATORY_STORE_ACCESS_KEY", STORE_USER,
                "OBSERVATORY_STORE_SECRET_KEY", STORE_PASSWORD);
        GenericContainer<?> trainer = service("trainer-service", 8081, storeClient);
        GenericContainer<?> analyzer = service("analyzer-service", 8082, storeClient);
        GenericContainer<?> dashboard = service("dashboard-service", 8080,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA_IN_NETWORK));
        start(trainer, analyzer, dashboard);
        endpoints = new ObservatoryEndpoints(url(trainer, 8081), url(analyzer, 8082), url(dashboard, 8080));
    }

    @AfterAll
    static void stopContainers() {
        STARTED.forEach(Startable::stop);
        NETWORK.close();
    }

    @Override
    ObservatoryEndpoints endpoints() {
        return endpoints;
    }

    private static void start(Startable... containers) {
        STARTED.addAll(List.of(containers));
        Startables.deepStart(containers).join();
    }

    /** A service's image, as compose runs it; fails with how to build it when it is not there. */
    private static GenericContainer<?> service(String name, int port, Map<String, String> environment) {
        String image = "descent-observatory/" + name + ":" + IMAGE_TAG;
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("Image " + image + " is missing: build the images first with"
                    + " `docker compose build` at the project root (docs/deployment.md)", e);
        }
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(NETWORK).withNetworkAliases(name)
                .withEnv(environment)
                .withExposedPorts(port)
                .waitingFor(Wait.forHttp("/q/health/ready").forPort(port).withStartupTimeout(SERVICE_START));
    }

    private static String url(GenericContainer<?> container, int port) {
        return "http://" + container.getHost() + ":" + container.getMappedPort(port);
    }

    /**
     * Every topic of deploy/kafka/topics ("name partitions retention.ms" lines), as compose's kafka-init creates
     * them.
     */
    private static void createTopics(String bootstrapServers) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : topicLines()) {
            String[] fields = line.trim().split("\\s+");
            topics.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1)
                    .configs(Map.of("retention.ms", fields[2])));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> topicLines() throws IOException {
        Path file = ProjectLayout.locate().root().resolve("deploy/kafka/topics");
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.trim().startsWith("#"))
                .toList();
    }
}
