package org.descentobservatory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.infra.TrainerClient;
import org.descentobservatory.schemas.RunEndedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3, item 6: two trainer processes, one consumer group, one training slot each, share a sweep of three seeds
 * (the sweep's requests go round-robin over the three partitions, so each replica owns at least one). Once both are
 * training, one is killed with SIGKILL; the survivor takes over its partitions after the session timeout and
 * finishes the killed replica's run from that run's last checkpoint: every epoch published, none published twice
 * with different contents, and the epochs before the kill not trained again.
 */
class TrainerScaleOutTest {

    private static final int EPOCHS = TrainerReplicas.EPOCHS;
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @RegisterExtension
    static final TrainerReplicas trainers = new TrainerReplicas("e2e-scale-out");

    @Test
    void twoReplicasShareASweepAndTheSurvivorFinishesTheKilledOnesRunFromItsLastCheckpoint() {
        ServiceProcess a = trainers.launch("trainer-a");
        ServiceProcess b = trainers.launch("trainer-b");
        List<String> sweep = new TrainerClient(a.url(), TrainerReplicas.TOKEN).startSweep(TrainerReplicas.RUN,
                List.of(1L, 2L, 3L));

        // Each replica trains one run of the sweep (one slot each); find the killed replica's run.
        Map<String, String> trainedBy = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> runsTrainedBy(List.of(a, b)), runs -> runs.values().containsAll(List.of("trainer-a",
                        "trainer-b")));
        String victimRun = trainedBy.entrySet().stream().filter(e -> e.getValue().equals("trainer-a"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        trainers.killMidRun(a, victimRun, 2, DEADLINE);

        Map<String, RunTopics.RunEvents> events = trainers.topics().readUntilEnded(sweep, DEADLINE);
        for (String runId : sweep) {
            RunTopics.RunEvents run = events.get(runId);
            TrainerReplicas.epochsOnceEach(run.checkpoints, EPOCHS);
            assertThat(run.ended).as(runId).singleElement()
                    .satisfies(ended -> assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED));
        }
        // Resumed, not restarted: retraining epoch 1 after the kill would publish it again with another wall time.
        assertThat(events.get(victimRun).checkpoints).as("the killed replica's run, resumed by the survivor")
                .hasSizeLessThanOrEqualTo(EPOCHS + 1);
        assertThat(readLog(b)).contains("Run " + victimRun + " resumes on trainer-b");
        assertThat(new ObservatoryApi(b.url()).run(victimRun).path("status").asText()).isEqualTo("COMPLETED");
    }

    /** Run id → replica, for the runs each replica says it is training now. */
    private static Map<String, String> runsTrainedBy(List<ServiceProcess> replicas) {
        Map<String, String> trainedBy = new HashMap<>();
        for (ServiceProcess replica : replicas) {
            for (JsonNode run : new ObservatoryApi(replica.url()).get("/api/runs")) {
                if (run.path("replica").isTextual()) {
                    trainedBy.put(run.path("runId").asText(), run.path("replica").asText());
                }
            }
        }
        return trainedBy;
    }

    private static String readLog(ServiceProcess replica) {
        try {
            return java.nio.file.Files.readString(replica.process().logFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
