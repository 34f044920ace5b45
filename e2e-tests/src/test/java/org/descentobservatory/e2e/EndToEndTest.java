package org.descentobservatory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.infra.ObservatoryStack;
import org.descentobservatory.infra.StackOptions;
import org.descentobservatory.infra.TrainerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop, as {@code bin/run} starts it: a real Kafka broker, a real S3 store and the three packaged services
 * as separate processes. A run started through the trainer's REST API must reach the dashboard's timeline with its
 * losses and its D̃, epoch by epoch.
 */
class EndToEndTest {

    private static final int EPOCHS = 3;
    /** Bounds the whole loop; a 3-epoch run of the spec below takes seconds once the services are up. */
    private static final Duration TIMELINE_DEADLINE = Duration.ofMinutes(4);

    /** Small enough to train and analyse in seconds on 2 cores; the rest comes from the trainer's defaults. */
    private static final Map<String, Object> SMALL_RUN = Map.of(
            "epochs", EPOCHS, "trainSize", 128, "testSize", 64, "sequenceLength", 30,
            "hiddenSize", 12, "embeddingSize", 8, "probeCount", 16, "seed", 11);

    private static ObservatoryStack stack;
    private static ObservatoryApi api;

    @BeforeAll
    static void startStack() {
        stack = ObservatoryStack.start(StackOptions.freePorts(Path.of("target", "e2e-work").toAbsolutePath()));
        api = new ObservatoryApi(stack.dashboardUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRunStartedThroughTheTrainerReachesTheDashboardTimelineWithLossesAndAsymptoticDistance() {
        String runId = new TrainerClient(stack.trainerUrl()).startRun(SMALL_RUN);

        JsonNode rows = await().atMost(TIMELINE_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.timelineRows(runId), EndToEndTest::completeTimeline);

        for (int i = 0; i < EPOCHS; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(row.get("trainLoss").asDouble()).isPositive();
            assertThat(row.get("testLoss").asDouble()).isPositive();
            assertThat(row.get("asymptoticDistance").asDouble()).isGreaterThanOrEqualTo(-15.0);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.run(runId).path("status").asText(), "COMPLETED"::equals);
    }

    @Test
    void everyServiceReportsHealthAndMetrics() {
        for (String url : new String[] {stack.trainerUrl(), stack.analyzerUrl(), stack.dashboardUrl()}) {
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
