package org.descentobservatory.trainer.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.CheckpointExport;
import org.descentobservatory.trainer.compute.NpzFiles;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Downloads of stored checkpoints as NumPy archives, against a real store holding a really trained checkpoint. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class CheckpointExportResourceTest {

    /** A one-epoch run small enough to train in a second. */
    private static final String TINY_RUN = """
            {"vocabularySize": 64, "embeddingSize": 4, "hiddenSize": 3, "sequenceLength": 10, "trainSize": 16,
             "testSize": 8, "batchSize": 8, "epochs": 1, "probeCount": 2, "seed": 11}""";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");

    @Inject
    CheckpointStore store;

    @Test
    void aTrainedCheckpointDownloadsAsAnNpzHoldingEveryParameter() {
        String runId = given().contentType(ContentType.JSON).body(TINY_RUN)
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("runId");
        Response run = await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/api/runs/" + runId), r -> !ACTIVE.contains(r.<String>path("status")));
        assertThat(run.<String>path("status")).as("run %s, reason %s", runId, run.path("reason"))
                .isEqualTo("COMPLETED");

        Response download = given().when().get("/api/runs/" + runId + "/checkpoints/1.npz")
                .then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + runId + "-epoch-1.npz\""))
                .extract().response();

        byte[] npz = download.asByteArray();
        MultiLayerNetwork network = CheckpointCodec.decode(store.getCheckpoint(runId, 1));
        Map<String, NpzFiles.Npy> arrays = NpzFiles.arrays(npz);
        assertThat(arrays.keySet()).containsExactly("embedding_W", "recurrent_W", "recurrent_RW", "recurrent_b",
                "output_W", "output_b");
        assertThat(arrays.get("recurrent_RW").shape()).containsExactly(3, 12);
        NpzFiles.assertHoldParameters(arrays, network, Map.of("embedding_W", "0_W", "recurrent_W", "1_W",
                "recurrent_RW", "1_RW", "recurrent_b", "1_b", "output_W", "2_W", "output_b", "2_b"));
        assertThat(new String(NpzFiles.entries(npz).get(CheckpointExport.METADATA)))
                .contains("\"runId\" : \"" + runId + "\"", "\"epoch\" : 1");

        given().when().get("/api/runs/" + runId + "/checkpoints/2.npz")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("No checkpoint of run " + runId + " at epoch 2"));
    }

    @Test
    void aRunWithoutCheckpointsIsNotFound() {
        given().when().get("/api/runs/run-19700101-000000-0000/checkpoints/1.npz")
                .then().statusCode(404)
                .body("error", equalTo("No checkpoint of run run-19700101-000000-0000 at epoch 1"))
                .body("violations.size()", equalTo(0));
    }

    @Test
    void aRunIdOutsideTheContractsPatternIsRejected() {
        given().when().get("/api/runs/Run_1/checkpoints/1.npz")
                .then().statusCode(400)
                .body("error", equalTo("invalid checkpoint address"))
                .body("violations[0].field", equalTo("runId"))
                .body("violations[0].message", startsWith("must match "));
    }

    @Test
    void anEpochBelowOneOrNotANumberIsRejected() {
        for (String epoch : new String[]{"0", "-3", "one", "99999999999"}) {
            given().when().get("/api/runs/run-19700101-000000-0000/checkpoints/" + epoch + ".npz")
                    .then().statusCode(400)
                    .body("violations[0].field", equalTo("epoch"))
                    .body("violations[0].message", equalTo("must be an integer ≥ 1, got '" + epoch + "'"));
        }
    }
}
