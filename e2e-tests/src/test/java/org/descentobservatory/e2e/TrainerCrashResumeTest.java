package org.descentobservatory.e2e;

import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.infra.TrainerClient;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, item 5: a trainer process killed with SIGKILL in the middle of a run resumes the run after a restart from
 * its last stored checkpoint, and the run's per-epoch results on the checkpoints topic are those of an uninterrupted
 * run of the same spec and seed, bit for bit (losses, accuracies, minibatch statistics, weight norms, and the
 * checkpoint's SHA-256, which covers the weights and Adam's state): no epoch missing, none published twice with
 * different contents. Real broker, real store, the packaged trainer.
 */
class TrainerCrashResumeTest {

    /** The kill comes once this many epochs are on the topic: mid-run, with most epochs still to train. */
    private static final int KILL_AFTER_EPOCH = 2;
    private static final int EPOCHS = TrainerReplicas.EPOCHS;
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(4);
    private static final Map<String, Object> RUN = withSeed(TrainerReplicas.RUN, 23);

    @RegisterExtension
    static final TrainerReplicas trainers = new TrainerReplicas("e2e-crash");

    @Test
    void aTrainerKilledMidRunResumesFromItsLastCheckpointAndPublishesTheUninterruptedRunsEpochs() {
        ServiceProcess trainer = trainers.launch("trainer");
        String crashed = new TrainerClient(trainer.url(), TrainerReplicas.TOKEN).startRun(RUN);
        trainers.killMidRun(trainer, crashed, KILL_AFTER_EPOCH, RUN_DEADLINE);

        RunTopics topics = trainers.topics();
        ServiceProcess restarted = trainers.launch("trainer");
        RunTopics.RunEvents resumed = topics.readUntilEnded(List.of(crashed), RUN_DEADLINE).get(crashed);
        String uninterrupted = new TrainerClient(restarted.url(), TrainerReplicas.TOKEN).startRun(RUN);
        RunTopics.RunEvents reference = topics.readUntilEnded(List.of(uninterrupted), RUN_DEADLINE).get(uninterrupted);

        Map<Integer, CheckpointEvent> resumedEpochs = TrainerReplicas.epochsOnceEach(resumed.checkpoints, EPOCHS);
        Map<Integer, CheckpointEvent> referenceEpochs = TrainerReplicas.epochsOnceEach(reference.checkpoints, EPOCHS);
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            assertThat(TrainerReplicas.training(resumedEpochs.get(epoch))).as("epoch %d", epoch)
                    .isEqualTo(TrainerReplicas.training(referenceEpochs.get(epoch)));
        }
        assertThat(resumed.checkpoints).as("at most the epoch in flight at the kill is published twice")
                .hasSizeLessThanOrEqualTo(EPOCHS + 1);
        assertThat(resumed.started).as("started once (or republished unchanged)")
                .allSatisfy(started -> assertThat(started).isEqualTo(resumed.started.get(0)));
        assertThat(resumed.ended).singleElement().satisfies(ended -> {
            assertThat(ended.status()).isEqualTo(RunEndedEvent.Status.COMPLETED);
            assertThat(ended.epochsCompleted()).isEqualTo(EPOCHS);
        });
    }

    private static Map<String, Object> withSeed(Map<String, Object> spec, long seed) {
        Map<String, Object> seeded = new HashMap<>(spec);
        seeded.put("seed", seed);
        return Map.copyOf(seeded);
    }
}
