package org.descentobservatory.dashboard.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.descentobservatory.dashboard.SyntheticRun;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.schemas.kafka.EventSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The summary, CSV, thinned timeline, bifurcation, live stream, OpenAPI and control endpoints on a real broker. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class RunApiKafkaTest {

    private static final int EPOCHS = 120;
    private static final int PROBES = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    /** One run for all tests of the class (published by the first); the stream test adds an epoch past it. */
    private static String runId;
    private static SyntheticRun run;

    @BeforeEach
    void publishTheRunOnce() throws Exception {
        if (runId != null) {
            return;
        }
        runId = "api-" + UUID.randomUUID().toString().substring(0, 8);
        run = new SyntheticRun(runId, EPOCHS + 10, PROBES, 3);
        try (KafkaProducer<String, ObservatoryEvent> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS_STARTED, runId, run.started()));
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, run.checkpoint(epoch)));
                producer.send(new ProducerRecord<>(Topics.ANALYSES, runId, run.analysis(epoch)));
            }
        }
        await().atMost(PATIENCE).until(() -> given().get("/api/runs/{id}", runId).then().extract()
                .path("epochsAnalysed"), n -> Integer.valueOf(EPOCHS).equals(n));
    }

    @Test
    void theSummaryReportsTheConstructedShape() {
        // SyntheticRun: optimum at epoch 13 (a tenth of 130), labelled edge at 13 and 15; epoch 14 carries no label
        // (every seventh) and its D̃ of −11 is above −14, so the dashboard's fallback calls it chaos.
        given().get("/api/runs/{id}/summary?smoothing=0", runId).then().statusCode(200)
                .body("run.runId", equalTo(runId))
                .body("findings.smoothingHalfWidth", equalTo(0))
                .body("findings.globalOptimumEpoch", equalTo(13))
                .body("findings.phaseSource", equalTo("mixed"))
                .body("findings.edgeWindows[0].fromEpoch", equalTo(13))
                .body("findings.edgeWindows[0].width", equalTo(1))
                .body("findings.phaseBands[2].phase", equalTo("chaos"))
                .body("findings.phaseBands[2].fromEpoch", equalTo(14))
                .body("findings.transitions[0].from", equalTo("order"))
                .body("findings.transitions[0].epoch", equalTo(13))
                .body("findings.globalOptimumVsFirstOrderToChaos.atTransition", equalTo(true))
                .body("findings.minima.size()", greaterThan(1))
                .body("findings.descentCycles.size()", greaterThan(0))
                .body("findings.trainingLossSpikes.size()", greaterThan(0));
    }

    @Test
    void badDetectionKnobsAreA400NamingThem() {
        given().get("/api/runs/{id}/summary?prominence=2", runId).then().statusCode(400)
                .body("error", containsString("prominenceFraction"));
        given().get("/api/runs/{id}/summary?smoothing=wide", runId).then().statusCode(400)
                .body("error", containsString("'smoothing'"));
        given().get("/api/runs/{id}/timeline?maxPoints=1", runId).then().statusCode(400)
                .body("error", containsString("'maxPoints'"));
        given().get("/api/runs/{id}/timeline?format=xml", runId).then().statusCode(400)
                .body("error", containsString("'format'"));
        given().get("/api/runs/{id}/summary", "no-such-run").then().statusCode(404);
    }

    @Test
    void theTimelineComesAsCsvByAcceptHeaderOrQueryAndCanBeThinnedOrCut() {
        String byHeader = given().accept("text/csv").get("/api/runs/{id}/timeline", runId).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String byQuery = given().get("/api/runs/{id}/timeline?format=csv", runId).then().statusCode(200)
                .extract().asString();
        assertThat(byHeader).isEqualTo(byQuery);
        String[] lines = byHeader.split("\r\n");
        assertThat(lines.length).as("header and a row per epoch (the stream test may have added one)")
                .isBetween(EPOCHS + 1, EPOCHS + 2);
        assertThat(lines[0]).startsWith("epoch,trainLoss,testLoss,").endsWith("weightNorm_0_W,weightNorm_1_RW,weightNorm_1_W");
        assertThat(lines[1]).startsWith("1," + run.trainLoss(1) + "," + run.testLoss(1) + ",");

        given().get("/api/runs/{id}/timeline?from=10&to=19", runId).then().statusCode(200)
                .body("rows", hasSize(10)).body("rows[0].epoch", equalTo(10)).body("downsampled", equalTo(false));
        given().get("/api/runs/{id}/timeline?maxPoints=20", runId).then().statusCode(200)
                .body("rowsInRange", greaterThan(EPOCHS - 1)).body("downsampled", equalTo(true))
                .body("rows.size()", greaterThan(2)).body("rows.epoch", hasItem(1));
    }

    @Test
    void theBifurcationGridCountsEveryProbe() {
        given().get("/api/runs/{id}/bifurcation?columns=30&bins=10", runId).then().statusCode(200)
                .body("columns", hasSize(30)).body("points", equalTo(EPOCHS * PROBES)).body("nonFinite", equalTo(0))
                .body("columns.counts", everyItem(hasSize(10)));
    }

    @Test
    void aNewEpochIsStreamedToSubscribers() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create(base + "api/runs/" + runId + "/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> firstData = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int next = EPOCHS + 1;  // a checkpoint only: the analysed count the other tests rely on stays at EPOCHS
        // The subscription is registered once the response headers are in; publish after that.
        try (KafkaProducer<String, ObservatoryEvent> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, run.checkpoint(next))).get();
        }
        assertThat(firstData.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .contains("\"epoch\":" + next).contains("\"testLoss\":" + run.testLoss(next));
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", notNullValue())
                .body("paths.keySet()", hasItem("/api/runs/{runId}/summary"))
                .body("paths.keySet()", hasItem("/api/runs/{runId}/timeline"))
                .body("paths.keySet()", hasItem("/api/runs/{runId}/stream"));
    }

    @Test
    void withoutATrainerTheDashboardIsReadOnly() {
        given().get("/api/control").then().statusCode(200).body("enabled", equalTo(false));
        given().header("Authorization", "Bearer t").contentType("application/json").body("{}")
                .post("/api/control/runs").then().statusCode(403).body("error", containsString("read-only"));
        given().header("Authorization", "Bearer t").post("/api/control/runs/{id}/cancel", runId).then()
                .statusCode(403);
    }

    private KafkaProducer<String, ObservatoryEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 10), new StringSerializer(), new EventSerializer());
    }
}
