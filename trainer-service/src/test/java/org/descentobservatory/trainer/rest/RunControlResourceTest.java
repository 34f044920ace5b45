package org.descentobservatory.trainer.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.Topics;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Starting, sweeping and cancelling runs behind a bearer token, with input limits, on a real broker and store: a
 * refused request publishes nothing (the request topics' end offsets do not move).
 */
@QuarkusTest
@TestProfile(RunControlResourceTest.WithToken.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class RunControlResourceTest {

    static final String TOKEN = "s3cret-test-token";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String TINY = """
            "vocabularySize": 64, "embeddingSize": 4, "hiddenSize": 4, "sequenceLength": 10, "trainSize": 32,
            "testSize": 16, "batchSize": 8, "probeCount": 4""";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    /** The application with a token and two slots (a long run being cancelled does not hold up the others). */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("observatory.trainer.api-token", TOKEN, "observatory.trainer.max-concurrent-runs", "2");
        }
    }

    @Test
    void writesWithoutTheRightTokenAre401AndPublishNothingWhileReadsStayOpen() {
        Map<TopicPartition, Long> before = requestTopicsEnd();

        given().contentType(ContentType.JSON).body("{\"epochs\": 1}")
                .when().post("/api/runs")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", containsString("missing bearer token"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body("{\"epochs\": 1}")
                .when().post("/api/runs")
                .then().statusCode(401)
                .body("error", containsString("wrong bearer token"));
        given().contentType(ContentType.JSON).body("{\"spec\": {}, \"seeds\": [1]}")
                .when().post("/api/sweeps")
                .then().statusCode(401);
        given().when().post("/api/runs/run-19700101-000000-0000/cancel")
                .then().statusCode(401);
        given().when().get("/api/runs").then().statusCode(200);

        assertThat(requestTopicsEnd()).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIs413AndABadSweepIs400NamingEveryBadRunAndNothingIsPublished() {
        Map<TopicPartition, Long> before = requestTopicsEnd();

        given().contentType(ContentType.JSON).header("Authorization", BEARER)
                .body("{\"epochs\": 1, \"padding\": \"" + "x".repeat(70_000) + "\"}")
                .when().post("/api/runs")
                .then().statusCode(413);
        given().contentType(ContentType.JSON).header("Authorization", BEARER)
                .body("{\"spec\": {\"hiddenSize\": 0, \"seed\": 3}, \"seeds\": [1, 1, \"two\"], \"grid\": true}")
                .when().post("/api/sweeps")
                .then().statusCode(400)
                .body("violations.field", hasItems("$.spec.hiddenSize", "$.spec.seed", "$.seeds[1]", "$.seeds[2]",
                        "$.grid"));
        given().contentType(ContentType.JSON).header("Authorization", BEARER)
                .body("{\"specs\": [{" + TINY + ", \"epochs\": 1}, {\"epochs\": 0}]}")
                .when().post("/api/sweeps")
                .then().statusCode(400)
                .body("violations.field", hasItems("$.specs[1].epochs"));
        given().contentType(ContentType.JSON).header("Authorization", BEARER).body("{\"reason\": 7}")
                .when().post("/api/runs/run-19700101-000000-0000/cancel")
                .then().statusCode(400);

        assertThat(requestTopicsEnd()).isEqualTo(before);
    }

    @Test
    void aSweepOfSeedsTrainsOneRunPerSeed() {
        Response accepted = given().contentType(ContentType.JSON).header("Authorization", BEARER)
                .body("{\"spec\": {" + TINY + ", \"epochs\": 2}, \"seeds\": [5, 6]}")
                .when().post("/api/sweeps")
                .then().statusCode(202)
                .body("runs.spec.seed", hasItems(5, 6))
                .extract().response();
        List<String> runIds = accepted.path("runs.runId");
        String sweepId = accepted.path("sweepId");

        Map<String, List<RunEndedEvent>> ended = endedEvents(Set.copyOf(runIds));

        assertThat(ended.values()).allSatisfy(ends -> assertThat(ends).singleElement()
                .satisfies(end -> assertThat(end.status()).isEqualTo(RunEndedEvent.Status.COMPLETED)));
        for (String runId : runIds) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/api/runs/" + runId)
                    .then().statusCode(200).body("status", equalTo("COMPLETED")).body("sweepId", equalTo(sweepId)));
        }
    }

    @Test
    void aCancelledRunEndsCancelledAndShowedItsProgressWhileRunning() {
        String runId = given().contentType(ContentType.JSON).header("Authorization", BEARER)
                .body("{" + TINY + ", \"epochs\": 100000}")
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("runId");
        await().atMost(RUN_TIMEOUT).untilAsserted(() -> given().when().get("/api/runs/" + runId)
                .then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("epochsCompleted", org.hamcrest.Matchers.greaterThanOrEqualTo(3)));
        Response running = given().when().get("/api/runs/" + runId).then().extract().response();
        float rate = running.path("progress.epochsPerSecond");
        assertThat(rate).isPositive();
        assertThat(running.<Integer>path("progress.etaSeconds")).isPositive();
        assertThat(running.<String>path("replica")).isNotBlank();

        given().contentType(ContentType.JSON).header("Authorization", BEARER).body("{\"reason\": \"enough\"}")
                .when().post("/api/runs/" + runId + "/cancel")
                .then().statusCode(202)
                .body("cancelRequested", equalTo(true));

        RunEndedEvent end = endedEvents(Set.of(runId)).get(runId).get(0);
        assertThat(end.status()).isEqualTo(RunEndedEvent.Status.CANCELLED);
        assertThat(end.reason()).isEqualTo("cancelled: enough");
        assertThat(end.epochsCompleted()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/api/runs/" + runId)
                .then().statusCode(200).body("status", equalTo("CANCELLED")));
        given().header("Authorization", BEARER).when().post("/api/runs/" + runId + "/cancel")
                .then().statusCode(409);
        given().header("Authorization", BEARER).when().post("/api/runs/run-19700101-000000-0000/cancel")
                .then().statusCode(404);
    }

    /** Each run's RunEndedEvents, read from the beginning until every run has one. */
    private static Map<String, List<RunEndedEvent>> endedEvents(Set<String> runIds) {
        Map<String, List<RunEndedEvent>> ended = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.RUNS_ENDED));
            Instant deadline = Instant.now().plus(RUN_TIMEOUT);
            while (!ended.keySet().containsAll(runIds)) {
                assertThat(Instant.now()).as("RunEndedEvents of %s", runIds).isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (runIds.contains(record.key())) {
                        ended.computeIfAbsent(record.key(), k -> new java.util.ArrayList<>())
                                .add(JsonContracts.read(record.value(), RunEndedEvent.class));
                    }
                }
            }
        }
        return ended;
    }

    /** The end offsets of the run-request and run-control topics: they move when anything is requested. */
    private static Map<TopicPartition, Long> requestTopicsEnd() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = Set.of(Topics.RUN_REQUESTS, Topics.RUN_CONTROL).stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .collect(Collectors.toList());
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "trainer-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
