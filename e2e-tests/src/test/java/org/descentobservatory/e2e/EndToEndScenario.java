package org.descentobservatory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.infra.TrainerClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end scenario, whatever runs the observatory: a run started through the trainer's REST API must reach
 * the dashboard's timeline with its losses, its D̃ and its λ₁, epoch by epoch, and every service must report health
 * and metrics. A subclass starts the observatory once for its class and says where it answers:
 * {@link EndToEndTest} with the local broker, store and packaged services (what CI runs),
 * {@link ContainersEndToEndTest} with Kafka, MinIO and the services' images in Docker.
 */
abstract class EndToEndScenario {

    static final int EPOCHS = 3;
    /** Bounds the whole loop; a 3-epoch run of the spec below takes seconds once the services are up. */
    private static final Duration TIMELINE_DEADLINE = Duration.ofMinutes(4);

    /** Small enough to train and analyse in seconds on 2 cores; the rest comes from the trainer's defaults. */
    static final Map<String, Object> SMALL_RUN = Map.of(
            "epochs", EPOCHS, "trainSize", 128, "testSize", 64, "sequenceLength", 30,
            "hiddenSize", 12, "embeddingSize", 8, "probeCount", 16, "seed", 11);

    /** The running observatory under test. */
    abstract ObservatoryEndpoints endpoints();

    @Test
    void aRunStartedThroughTheTrainerReachesTheDashboardTimelineWithLossesAndAsymptoticDistance() {
        ObservatoryApi dashboard = new ObservatoryApi(endpoints().dashboardUrl());
        String runId = new TrainerClient(endpoints().trainerUrl()).startRun(SMALL_RUN);

        JsonNode rows = await().atMost(TIMELINE_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> dashboard.timelineRows(runId), EndToEndScenario::completeTimeline);

        for (int i = 0; i < EPOCHS; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(row.get("trainLoss").asDouble()).isPositive();
            assertThat(row.get("testLoss").asDouble()).isPositive();
            assertThat(row.get("asymptoticDistance").asDouble()).isGreaterThanOrEqualTo(-15.0);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dashboard.run(runId).path("status").asText(), "COMPLETED"::equals);
    }

    @Test
    void everyServiceReportsHealthAndMetrics() {
        for (String url : endpoints().all()) {
            ObservatoryApi service = new ObservatoryApi(url);
            assertThat(service.get("/q/health").path("status").asText()).as(url).isEqualTo("UP");
            assertThat(service.getText("/q/metrics")).as(url).contains("jvm_memory_used_bytes");
        }
    }

    private static boolean completeTimeline(JsonNode rows) {
        if (rows == null || rows.size() != EPOCHS) {
            return false;
        }
        for (JsonNode row : rows) {
            if (!row.path("testLoss").isNumber() || !row.path("trainLoss").isNumber()
                    || !row.path("asymptoticDistance").isNumber()
                    || !row.path("largestLyapunovExponent").isNumber()) {
                return false;
            }
        }
        return true;
    }
}
