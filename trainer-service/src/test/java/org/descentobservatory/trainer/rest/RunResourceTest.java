package org.descentobservatory.trainer.rest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.trainer.RunEvents;
import org.descentobservatory.trainer.compute.task.imdb.AclImdbSample;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.RunIds;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** The whole loop against a real Kafka broker and a real S3 store: request, training, objects, events. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class RunResourceTest {

    /** A two-epoch run small enough to train in a second. */
    private static final String TINY_RUN = """
            {"vocabularySize": 64, "embeddingSize": 4, "hiddenSize": 4, "sequenceLength": 10, "trainSize": 32,
             "testSize": 16, "batchSize": 8, "epochs": 2, "probeCount": 4, "seed": 7}""";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Inject
    TrainerConfig config;

    @Test
    void aRunPublishesItsEventsInOrderAfterStoringEachObject() throws Exception {
        Response accepted = given().contentType(ContentType.JSON).body(TINY_RUN)
                .when().post("/api/runs")
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("spec.epochs", equalTo(2))
                .body("spec.vocabularySize", equalTo(64))
                .extract().response();
        String runId = accepted.path("runId");
        assertThat(runId).matches(RunIds.PATTERN);
        assertThat(accepted.header("Location")).endsWith("/api/runs/" + runId);

        RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);

        assertThat(events.started).singleElement().satisfies(started -> {
            assertThat(started.spec().epochs()).isEqualTo(2);
            assertThat(started.spec().hiddenSize()).isEqualTo(4);
        });
        assertThat(events.checkpoints).extracting(CheckpointEvent::epoch).containsExactly(1, 2);
        for (CheckpointEvent checkpoint : events.checkpoints) {
            assertThat(checkpoint.objectKey()).isEqualTo(ObjectKeys.checkpoint(runId, checkpoint.epoch()));
            byte[] object = read(checkpoint.objectKey());
            assertThat(Sha256.hex(object)).isEqualTo(checkpoint.sha256());
            assertThat((long) object.length).isEqualTo(checkpoint.sizeBytes());
            assertThat(checkpoint.testAccuracy()).isBetween(0.0, 1.0);
            assertTrainingSignalsAreSane(checkpoint);
            assertThat(checkpoint.createdAt()).isAfterOrEqualTo(events.started.get(0).startedAt());
        }
        assertThat(events.ended).singleElement().satisfies(ended -> {
            assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED);
            assertThat(ended.epochsCompleted()).isEqualTo(2);
            assertThat(ended.reason()).isNull();
        });

        ProbeSet probes = JsonContracts.read(read(ObjectKeys.probeSet(runId)), ProbeSet.class);
        assertThat(probes.runId()).isEqualTo(runId);
        assertThat(probes.probeCount()).isEqualTo(4);
        assertThat(probes.sequenceLength()).isEqualTo(10);

        // The run view reads the same topics; it may be a moment behind this test's consumer.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/api/runs/" + runId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
        given().when().get("/api/runs/" + runId)
                .then().statusCode(200)
                .body("epochsCompleted", equalTo(2))
                .body("latest.epoch", equalTo(2))
                .body("latest.testLoss", equalTo((float) events.checkpoints.get(1).testLoss()));
        given().when().get("/api/runs")
                .then().statusCode(200)
                .body("runId", hasItem(runId));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String run = "run=\"" + runId + "\"";
        assertThat(metrics).contains("observatory_trainer_epochs_completed_total{" + run + "} 2.0")
                .contains("observatory_trainer_checkpoint_bytes_count{" + run + "} 2.0")
                .contains("observatory_trainer_checkpoint_bytes_sum{" + run + "} "
                        + (double) (events.checkpoints.get(0).sizeBytes() + events.checkpoints.get(1).sizeBytes()))
                .contains("observatory_trainer_checkpoint_upload_seconds_count{" + run + "} 2.0")
                .contains("observatory_trainer_loss{" + run + ",split=\"test\"} " + events.checkpoints.get(1).testLoss());
    }

    @Test
    void aBadSpecIsRejectedNamingEveryBadField() {
        given().contentType(ContentType.JSON)
                .body("{\"hiddenSize\": 0, \"labelNoise\": 0.9, \"testSize\": 50, \"probeCount\": 60}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("error", equalTo("invalid run spec"))
                .body("violations.field", hasItems("$.hiddenSize", "$.labelNoise", "$.probeCount"));
    }

    @Test
    void anUnknownFieldIsRejected() {
        List<Map<String, String>> violations = given().contentType(ContentType.JSON)
                .body("{\"epochs\": 3, \"dropout\": 0.5}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .extract().path("violations");
        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.get("field") + " " + v.get("message")).contains("dropout"));
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
        given().contentType(ContentType.JSON).body("epochs=3")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("$"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().when().get("/api/runs/run-19700101-000000-0000")
                .then().statusCode(404)
                .body("error", equalTo("Unknown run run-19700101-000000-0000"));
    }

    @Test
    void aCheckpointIsStoredEveryKEpochsAndAfterTheLast() {
        String runId = submit(TINY_RUN.replace("\"epochs\": 2", "\"epochs\": 5, \"checkpointInterval\": 2"));

        RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);

        assertThat(events.checkpoints).extracting(CheckpointEvent::epoch).containsExactly(2, 4, 5);
        assertThat(events.ended).singleElement().satisfies(ended -> {
            assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED);
            assertThat(ended.epochsCompleted()).isEqualTo(5);
        });
        // The meters count epochs, not checkpoints: 5 epochs in 3 checkpoints.
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String run = "run=\"" + runId + "\"";
        assertThat(metrics).contains("observatory_trainer_epochs_completed_total{" + run + "} 5.0")
                .contains("observatory_trainer_epoch_seconds_count{" + run + "} 5.0")
                .contains("observatory_trainer_checkpoint_bytes_count{" + run + "} 3.0");
    }

    @Test
    void anImdbRunTrainsOnTheReviewsInTheDataFolder() throws Exception {
        String folder = "imdb-" + UUID.randomUUID();
        AclImdbSample.writeFolder(Files.createDirectories(Path.of(config.trainer().dataDir()).resolve(folder)));
        int reviews = 4 * AclImdbSample.PER_FOLDER;
        String runId = submit("""
                {"preset": "paper-imdb", "datasetSource": "%s/aclImdb", "vocabularySize": 64, "embeddingSize": 4,
                 "hiddenSize": 4, "sequenceLength": 10, "trainSize": %d, "testSize": %d, "batchSize": 8,
                 "epochs": 1, "probeCount": 4}""".formatted(folder, reviews * 7 / 10, reviews * 3 / 10));

        RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);

        assertThat(events.ended).singleElement()
                .satisfies(ended -> assertThat(ended.status()).as(ended.reason()).isEqualTo(RunEndedEvent.Status.COMPLETED));
        assertThat(events.checkpoints).singleElement().satisfies(RunResourceTest::assertTrainingSignalsAreSane);
        ProbeSet probes = JsonContracts.read(read(ObjectKeys.probeSet(runId)), ProbeSet.class);
        assertThat(probes.tokens()).hasNumberOfRows(4);
        assertThat(Arrays.stream(probes.tokens()).flatMapToInt(Arrays::stream)).allMatch(token -> token < 64);
        assertThat(probes.sequenceLength()).isEqualTo(10);
    }

    @Test
    void anImdbRunWhoseDownloadFailsItsChecksumFailsWithTheReason() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] notTheArchive = "not the archive".getBytes(StandardCharsets.UTF_8);
        server.createContext("/aclImdb_v1.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, notTheArchive.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(notTheArchive);
            }
        });
        server.start();
        try {
            String runId = submit("""
                    {"preset": "paper-imdb", "datasetSource": "http://127.0.0.1:%d/aclImdb_v1.tar.gz",
                     "datasetSha256": "%s", "epochs": 1}""".formatted(server.getAddress().getPort(), "a".repeat(64)));

            RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);

            assertThat(events.checkpoints).isEmpty();
            assertThat(events.ended).singleElement().satisfies(ended -> {
                assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.FAILED);
                assertThat(ended.reason()).contains("Checksum mismatch", Sha256.hex(notTheArchive));
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anImdbSourceOutsideTheDataFolderMissingOrNotHttpIsRejected() {
        for (String source : List.of("../outside/aclImdb", "/etc", "no-such-folder", "aclImdb/../../x.tar.gz",
                "ftp://127.0.0.1/aclImdb_v1.tar.gz")) {
            String checksum = source.contains("://") ? "\"" + "a".repeat(64) + "\"" : "null";
            given().contentType(ContentType.JSON)
                    .body("{\"preset\": \"paper-imdb\", \"datasetSource\": \"" + source + "\","
                            + " \"datasetSha256\": " + checksum + "}")
                    .when().post("/api/runs")
                    .then().statusCode(400)
                    .body("violations.field", hasItem("$.datasetSource"));
        }
    }

    @Test
    void aLorenzRunForecastsAndStoresSeriesProbes() {
        String runId = submit("""
                {"preset": "lorenz-small", "hiddenSize": 4, "sequenceLength": 10, "trainSize": 16, "testSize": 8,
                 "batchSize": 8, "epochs": 2, "probeCount": 3}""");

        RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);

        assertThat(events.ended).singleElement()
                .satisfies(ended -> assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED));
        assertThat(events.checkpoints).hasSize(2).allSatisfy(checkpoint -> {
            assertThat(checkpoint.testAccuracy()).isNull();
            assertThat(checkpoint.wrongTestLoss()).isNull();
            assertThat(checkpoint.testLoss()).isPositive().isFinite();
            assertThat(checkpoint.weightNorms()).containsOnlyKeys("0_W", "0_RW", "0_b", "1_W", "1_b");
        });
        ProbeSet probes = JsonContracts.read(read(ObjectKeys.probeSet(runId)), ProbeSet.class);
        assertThat(probes.tokens()).isNull();
        assertThat(probes.series()).hasNumberOfRows(3);
        assertThat(probes.series()[0]).hasNumberOfRows(10);
        assertThat(probes.series()[0][0]).hasSize(3);
        given().when().get("/api/runs/" + runId).then().statusCode(200).body("latest.testAccuracy", nullValue());
    }

    private static String submit(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("runId");
    }

    /**
     * The epoch's wrong-review loss and instability signals are there and consistent: a wrong review's loss is at least
     * ln 2 (its output is on the wrong side of 0.5), so their mean is at least ln 2 and at least the test loss; the
     * largest minibatch values are at least their means; every parameter array of the network has a positive norm.
     */
    private static void assertTrainingSignalsAreSane(CheckpointEvent checkpoint) {
        if (checkpoint.testAccuracy() < 1.0) {
            assertThat(checkpoint.wrongTestLoss()).isNotNull()
                    .isGreaterThanOrEqualTo(Math.log(2)).isGreaterThanOrEqualTo(checkpoint.testLoss());
        } else {
            assertThat(checkpoint.wrongTestLoss()).isNull();
        }
        assertThat(checkpoint.meanBatchLoss()).isPositive().isFinite();
        assertThat(checkpoint.maxBatchLoss()).isGreaterThanOrEqualTo(checkpoint.meanBatchLoss()).isFinite();
        assertThat(checkpoint.meanGradientNorm()).isPositive().isFinite();
        assertThat(checkpoint.maxGradientNorm()).isGreaterThanOrEqualTo(checkpoint.meanGradientNorm()).isFinite();
        assertThat(checkpoint.weightNorms()).containsOnlyKeys("0_W", "1_W", "1_RW", "1_b", "2_W", "2_b")
                .allSatisfy((key, norm) -> assertThat(norm).as(key).isPositive().isFinite());
    }

    private byte[] read(String key) {
        try (ObjectStore store = new ObjectStore(config.store())) {
            return store.get(key);
        }
    }
}
