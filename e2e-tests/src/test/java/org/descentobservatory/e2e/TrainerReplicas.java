package org.descentobservatory.e2e;

import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.ObservatoryService;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.schemas.CheckpointEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packaged trainer processes (replicas of one consumer group) on a real broker and store, for the crash and
 * scale-out tests; stops what it started.
 */
final class TrainerReplicas implements AutoCloseable {

    /** The bearer token the replicas require for starting and cancelling. */
    static final String TOKEN = "e2e-token";

    private final LocalInfrastructure infrastructure;
    private final Path workDir;
    private final List<ServiceProcess> started = new ArrayList<>();

    TrainerReplicas(LocalInfrastructure infrastructure, Path workDir) {
        this.infrastructure = infrastructure;
        this.workDir = workDir;
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

    @Override
    public void close() {
        started.forEach(ServiceProcess::close);
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
