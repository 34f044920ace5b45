package org.descentobservatory.dashboard.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.descentobservatory.dashboard.domain.RunStatus;
import org.descentobservatory.dashboard.domain.RunSummary;
import org.descentobservatory.dashboard.domain.TimelineRow;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.schemas.kafka.EventSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.descentobservatory.dashboard.Events.T0;
import static org.descentobservatory.dashboard.Events.analysis;
import static org.descentobservatory.dashboard.Events.asymptoticDistance;
import static org.descentobservatory.dashboard.Events.largestLyapunovExponent;
import static org.descentobservatory.dashboard.Events.lyapunovStandardError;
import static org.descentobservatory.dashboard.Events.checkpoint;
import static org.descentobservatory.dashboard.Events.ended;
import static org.descentobservatory.dashboard.Events.started;
import static org.descentobservatory.dashboard.Events.testLoss;
import static org.descentobservatory.dashboard.Events.trainLoss;
import static org.descentobservatory.dashboard.Events.weightNorms;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/** The dashboard against a real broker: events produced to the topics come out joined over REST. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class RunTimelineKafkaTest {

    private static final int EPOCHS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern SKIPPED_CHECKPOINTS = Pattern.compile(
            "^observatory_dashboard_records_skipped_total\\{[^}]*topic=\"" + Pattern.quote(Topics.CHECKPOINTS)
                    + "\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void joinsARunsEventsIntoItsTimelineAndSkipsAMalformedRecord() throws Exception {
        String runId = "dashboard-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, byte[]> raw = producer(new ByteArraySerializer());
             KafkaProducer<String, ObservatoryEvent> events = producer(new EventSerializer())) {
            // Bad records first on the topics they share with good ones: consumption must go on past them.
            raw.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId,
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>(Topics.ANALYSES, runId,
                    "{\"runId\":\"missing-everything-else\"}".getBytes(StandardCharsets.UTF_8))).get();

            send(events, Topics.RUNS_STARTED, started(runId, EPOCHS, T0));
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                send(events, Topics.CHECKPOINTS, checkpoint(runId, epoch));
                send(events, Topics.ANALYSES, analysis(runId, epoch, 1));
            }
            send(events, Topics.RUNS_ENDED, ended(runId, RunEndedEvent.Status.COMPLETED, null, EPOCHS));
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            RunSummary summary = summary(runId);
            assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(summary.epochsTrained()).isEqualTo(EPOCHS);
            assertThat(summary.epochsAnalysed()).isEqualTo(EPOCHS);
        });

        RunSummary summary = summary(runId);
        assertThat(summary.spec()).isEqualTo(started(runId, EPOCHS, T0).spec());
        assertThat(summary.startedAt()).isEqualTo(T0);
        assertThat(summary.epochsPlanned()).isEqualTo(EPOCHS);
        assertThat(summary.latestTestLoss()).isEqualTo(testLoss(EPOCHS));

        TimelineView timeline = read(given().get("/api/runs/{id}/timeline", runId)
                .then().statusCode(200)
                .body("rows[1]", hasKey("wrongTestLoss"))
                .body("rows[1].wrongTestLoss", nullValue())
                .body("rows[2]", hasKey("lyapunovStandardError"))
                .body("rows[2].lyapunovStandardError", nullValue())
                .body("rows[0].weightNorms.'1_RW'", equalTo((float) (double) weightNorms(1).get("1_RW")))
                .extract().asString(), TimelineView.class);
        assertThat(timeline.runId()).isEqualTo(runId);
        assertThat(timeline.rows()).extracting(TimelineRow::epoch).containsExactly(1, 2, 3);
        for (TimelineRow row : timeline.rows()) {
            assertThat(row.trainLoss()).isEqualTo(trainLoss(row.epoch()));
            assertThat(row.testLoss()).isEqualTo(testLoss(row.epoch()));
            CheckpointEvent checkpoint = checkpoint(runId, row.epoch());
            assertThat(row.wrongTestLoss()).isEqualTo(checkpoint.wrongTestLoss());
            assertThat(row.meanBatchLoss()).isEqualTo(checkpoint.meanBatchLoss());
            assertThat(row.maxBatchLoss()).isEqualTo(checkpoint.maxBatchLoss());
            assertThat(row.meanGradientNorm()).isEqualTo(checkpoint.meanGradientNorm());
            assertThat(row.maxGradientNorm()).isEqualTo(checkpoint.maxGradientNorm());
            assertThat(row.weightNorms()).containsExactlyEntriesOf(checkpoint.weightNorms());
            assertThat(row.asymptoticDistance()).isEqualTo(asymptoticDistance(row.epoch(), 1));
            assertThat(row.largestLyapunovExponent()).isEqualTo(largestLyapunovExponent(row.epoch(), 1));
            assertThat(row.lyapunovStandardError()).isEqualTo(lyapunovStandardError(row.epoch()));
            assertThat(row.analysedAt()).isEqualTo(analysis(runId, row.epoch(), 1).analysedAt());
        }

        RunSummary[] runs = read(given().get("/api/runs").then().statusCode(200).extract().asString(),
                RunSummary[].class);
        assertThat(runs).extracting(RunSummary::runId).contains(runId);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher skipped = SKIPPED_CHECKPOINTS.matcher(metrics);
        assertThat(skipped.find()).as("skipped-records counter for %s in%n%s", Topics.CHECKPOINTS, metrics).isTrue();
        assertThat(Double.parseDouble(skipped.group(1))).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).contains("observatory_dashboard_events_consumed_total{type=\"checkpoint\"");
    }

    @Test
    void anUnknownRunIsAJson404() {
        given().get("/api/runs/{id}", "no-such-run").then()
                .statusCode(404).contentType("application/json").body("error", containsString("no-such-run"));
        given().get("/api/runs/{id}/timeline", "no-such-run").then()
                .statusCode(404).contentType("application/json").body("status", equalTo(404));
    }

    @Test
    void thePageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/dashboard.js")).body(containsString("/webjars/uplot/dist/uPlot.iife.min.js"));
        given().get("/dashboard.js").then().statusCode(200).body(containsString("/api/runs"));
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200);
    }

    private RunSummary summary(String runId) {
        return read(given().get("/api/runs/{id}", runId).then().statusCode(200).extract().asString(),
                RunSummary.class);
    }

    private static void send(KafkaProducer<String, ObservatoryEvent> producer, String topic, ObservatoryEvent event)
            throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, Topics.keyOf(event), event)).get();
    }

    private <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), values);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonContracts.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not a " + type.getSimpleName() + ": " + json, e);
        }
    }
}
