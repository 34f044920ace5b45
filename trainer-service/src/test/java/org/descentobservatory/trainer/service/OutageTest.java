package org.descentobservatory.trainer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.trainer.RunEvents;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.RunManifest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run survives its object store or its broker going away mid-run, on a real broker and a real S3 store that the test
 * stops (SIGTERM) and starts again: the run waits at the request or publish it was at, retrying with backoff, and
 * completes with every epoch stored and published (exactly once after a store outage; after a broker outage an event
 * whose ack was lost may be on the topic twice, identical); a store that never comes back ends the run FAILED with the
 * reason, having published only checkpoints that were stored.
 */
@QuarkusTest
@TestProfile(OutageTest.QuickRetries.class)
@QuarkusTestResource(value = RestartableInfraResource.class, restrictToAnnotatedClass = true)
class OutageTest {

    /** A run of several seconds: each epoch takes a noticeable time, so that the outage falls mid-run. */
    private static final String RUN = """
            {"vocabularySize": 64, "embeddingSize": 8, "hiddenSize": 16, "sequenceLength": 40, "trainSize": 512,
             "testSize": 64, "batchSize": 16, "epochs": %d, "probeCount": 4, "seed": 11}""";
    private static final int EPOCHS = 8;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final int ATTEMPTS = 10;

    /**
     * Retries from 250 ms doubling to 2 s, 10 attempts: 13.75 s of backoff, more than the store needs to restart,
     * and short enough for the test of a store that never comes back. The run events' producers give up on a publish
     * after 4 s (instead of Kafka's 2 min), so that a broker outage of seconds reaches the trainer's retries.
     */
    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "observatory.trainer.retry.max-attempts", Integer.toString(ATTEMPTS),
                    "observatory.trainer.retry.initial-backoff", "250ms",
                    "observatory.trainer.retry.max-backoff", "2s"));
            for (String channel : List.of("runs-started", "checkpoints", "runs-ended")) {
                String producer = "mp.messaging.outgoing." + channel + ".";
                config.put(producer + "delivery.timeout.ms", "4000");
                config.put(producer + "request.timeout.ms", "2000");
                config.put(producer + "max.block.ms", "2000");
            }
            return config;
        }
    }

    @Inject
    TrainerConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void aRunWhoseStoreGoesAwayAndComesBackCompletesWithEveryEpochStoredAndPublishedOnce() {
        String runId = submit(EPOCHS);
        RunEvents events = throughOutage(runId, TrainerMetrics.STORE, RestartableInfraResource::stopStore,
                RestartableInfraResource::startStore);

        assertThat(events.ended).hasSize(1);
        assertThat(events.started).hasSize(1);
        assertThat(events.checkpoints).extracting(CheckpointEvent::epoch)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
        assertEveryCheckpointIsStoredAsPublished(events.checkpoints);
        RunManifest manifest = manifest(runId);
        assertThat(manifest.lastPublishedEpoch()).isEqualTo(EPOCHS);
        assertThat(manifest.endPublished()).isTrue();
    }

    @Test
    void aRunWhoseBrokerGoesAwayAndComesBackCompletesWithEveryEpochPublished() {
        String runId = submit(EPOCHS);
        RunEvents events = throughOutage(runId, TrainerMetrics.PUBLISH, RestartableInfraResource::stopBroker,
                RestartableInfraResource::startBroker);

        Map<Integer, CheckpointEvent> byEpoch = new TreeMap<>();
        for (CheckpointEvent checkpoint : events.checkpoints) {
            CheckpointEvent earlier = byEpoch.putIfAbsent(checkpoint.epoch(), checkpoint);
            if (earlier != null) {
                assertThat(checkpoint).as("epoch %d published again", checkpoint.epoch()).isEqualTo(earlier);
            }
        }
        assertThat(byEpoch.keySet()).containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
        assertEveryCheckpointIsStoredAsPublished(events.checkpoints);
        assertThat(manifest(runId).lastPublishedEpoch()).isEqualTo(EPOCHS);
    }

    @Test
    void aRunWhoseStoreNeverComesBackEndsFailedNamingTheStoreAndPublishedOnlyStoredCheckpoints() {
        String runId = submit(1000);
        awaitFirstCheckpoint(runId);

        RestartableInfraResource.stopStore();
        RunEvents events;
        try {
            events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);
        } finally {
            RestartableInfraResource.startStore();
        }

        assertThat(events.ended).singleElement().satisfies(ended -> {
            assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.FAILED);
            assertThat(ended.reason()).contains("RetriesExhaustedException", "gave up after " + ATTEMPTS + " attempts",
                    "Cannot store runs/" + runId, config.store().endpoint());
        });
        List<Integer> published = events.checkpoints.stream().map(CheckpointEvent::epoch).toList();
        assertThat(published).containsExactlyElementsOf(IntStream.rangeClosed(1, published.size()).boxed().toList());
        assertThat(published.size()).isLessThan(1000);
        assertEveryCheckpointIsStoredAsPublished(events.checkpoints);
    }

    /**
     * Stops the store or broker once the run has published its first checkpoint, starts it again once the run has
     * retried an {@code operation} ({@link TrainerMetrics#STORE} or {@link TrainerMetrics#PUBLISH}), and reads the
     * run's events until it ended COMPLETED.
     */
    private RunEvents throughOutage(String runId, String operation, Runnable stop, Runnable start) {
        awaitFirstCheckpoint(runId);
        double retriesBefore = retries(operation);

        stop.run();
        // The run is now stuck at a request or publish; start again once it has retried.
        await().atMost(Duration.ofSeconds(60)).until(() -> retries(operation) > retriesBefore);
        start.run();

        RunEvents events = RunEvents.readUntilEnded(runId, RUN_TIMEOUT);
        assertThat(events.ended).last().satisfies(ended -> {
            assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED);
            assertThat(ended.epochsCompleted()).isEqualTo(EPOCHS);
        });
        return events;
    }

    private static String submit(int epochs) {
        return given().contentType(ContentType.JSON).body(RUN.formatted(epochs))
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("runId");
    }

    /** Waits until the run view shows the run's first published checkpoint. */
    private static void awaitFirstCheckpoint(String runId) {
        await().atMost(RUN_TIMEOUT).until(() -> {
            Integer epoch = given().when().get("/api/runs/" + runId).then().extract().path("latest.epoch");
            return epoch != null && epoch >= 1;
        });
    }

    private void assertEveryCheckpointIsStoredAsPublished(List<CheckpointEvent> checkpoints) {
        try (ObjectStore store = new ObjectStore(config.store())) {
            for (CheckpointEvent checkpoint : checkpoints) {
                assertThat(Sha256.hex(store.get(checkpoint.objectKey()))).as("epoch %d", checkpoint.epoch())
                        .isEqualTo(checkpoint.sha256());
                assertThat(JsonContracts.read(store.get(ObjectKeys.checkpointEvent(checkpoint.runId(),
                        checkpoint.epoch())), CheckpointEvent.class)).isEqualTo(checkpoint);
            }
        }
    }

    private RunManifest manifest(String runId) {
        try (ObjectStore store = new ObjectStore(config.store())) {
            return JsonContracts.mapper().readValue(store.get(ObjectKeys.runManifest(runId)), RunManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double retries(String operation) {
        var counter = registry.find("observatory.trainer.retries").tag("operation", operation).counter();
        return counter == null ? 0 : counter.count();
    }
}
