package org.descentobservatory.e2e;

import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.ObservatoryService;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.schemas.CheckpointEvent;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash and scale-out tests' stack, as a JUnit extension of the test class
 * ({@code @RegisterExtension static final TrainerReplicas trainers = new TrainerReplicas("e2e-crash")}): before the
 * class, a real broker and store of its own under {@code target/<name>} (emptied first); packaged trainer processes
 * (replicas of one consumer group) launched on them by the tests; the run topics to read. After the class it stops
 * what it started.
 */
final class TrainerReplicas implements BeforeAllCallback, AfterAllCallback {

    /** The bearer token the replicas require for starting and cancelling. */
    static final String TOKEN = "e2e-token";

    /** Epochs of {@link #RUN}. */
    static final int EPOCHS = 8;

    /**
     * The tests' run spec, without its seed: well under a second per epoch on an idle 2-core machine (measured about
     * 4 s at load 20), long enough to kill a replica mid-run, short for CI.
     */
    static final Map<String, Object> RUN = Map.of(
            "epochs", EPOCHS, "trainSize", 256, "testSize", 64, "sequenceLength", 30, "hiddenSize", 12,
            "embeddingSize", 8, "probeCount", 8);

    /** How long the topics are read after a kill, for the epochs the killed replica published last. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final String name;
    private final List<ServiceProcess> started = new ArrayList<>();
    private Path workDir;
    private LocalInfrastructure infrastructure;
    private RunTopics topics;

    /** @param name the work directory under {@code target/} */
    TrainerReplicas(String name) {
        this.name = name;
    }

    /** Starts the broker and the store, no replica yet. */
    @Override
    public void beforeAll(ExtensionContext context) {
        workDir = WorkDirs.fresh(name);
        infrastructure = LocalInfrastructure.start(workDir);
        topics = new RunTopics(infrastructure.kafkaBootstrapServers());
    }

    /** The run topics of this stack's broker. */
    RunTopics topics() {
        return topics;
    }

    /** Launches a replica named {@code name} (its replica id, directory and log) and waits until it is ready. */
    ServiceProcess launch(String name) {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("observatory.trainer.api-token", TOKEN);
        config.put("observatory.trainer.replica-id", name);
        ServiceProcess trainer = ServiceProcess.launch(ProjectLayout.locate(), ObservatoryService.TRAINER, name,
                workDir, 0, config);
        started.add(trainer);
        trainer.awaitReady();
        return trainer;
    }

    /**
     * Kills {@code replica} with SIGKILL once {@code runId} has {@code afterEpoch} epochs on the topic, and checks that
     * the kill came mid-run.
     *
     * @return the last epoch the run had published when the replica died
     */
    int killMidRun(ServiceProcess replica, String runId, int afterEpoch, Duration deadline) {
        topics.readUntil(List.of(runId), run -> run.lastEpoch() >= afterEpoch, deadline);
        replica.kill();
        int epochsBeforeKill = topics.readFor(List.of(runId), SETTLE).get(runId).lastEpoch();
        assertThat(epochsBeforeKill).as("epochs published before the kill (the kill must come mid-run)")
                .isLessThan(EPOCHS);
        return epochsBeforeKill;
    }

    /** Stops the replicas, then the broker and the store. */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            started.forEach(ServiceProcess::close);
        } finally {
            if (infrastructure != null) {
                infrastructure.close();
            }
        }
    }

    /**
     * The run's checkpoint events by epoch, checking that every epoch from 1 to {@code epochs} is there and that an
     * epoch published more than once was published with the same contents each time.
     */
    static Map<Integer, CheckpointEvent> epochsOnceEach(List<CheckpointEvent> checkpoints, int epochs) {
        Map<Integer, CheckpointEvent> byEpoch = new TreeMap<>();
        for (CheckpointEvent checkpoint : checkpoints) {
            CheckpointEvent earlier = byEpoch.putIfAbsent(checkpoint.epoch(), checkpoint);
            if (earlier != null) {
                assertThat(checkpoint).as("epoch %d published again", checkpoint.epoch()).isEqualTo(earlier);
            }
        }
        assertThat(byEpoch.keySet()).as("published epochs")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, epochs).boxed().toList());
        return byEpoch;
    }

    /** Everything an epoch's event says about the training, leaving out when it happened and how long it took. */
    static List<Object> training(CheckpointEvent event) {
        return List.of(event.epoch(), event.trainLoss(), event.testLoss(), event.testAccuracy(),
                String.valueOf(event.wrongTestLoss()), event.meanBatchLoss(), event.maxBatchLoss(),
                event.meanGradientNorm(), event.maxGradientNorm(), new TreeMap<>(event.weightNorms()),
                event.sha256(), event.sizeBytes());
    }
}
