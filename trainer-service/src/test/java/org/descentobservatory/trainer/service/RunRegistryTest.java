package org.descentobservatory.trainer.service;

import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.trainer.domain.DefaultRunSpec;
import org.descentobservatory.trainer.domain.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run view takes events twice and in any order across topics without going back. */
class RunRegistryTest {

    private static final String RUN = "run-20261127-120000-ab12";
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aRunGoesFromQueuedToRunningToItsEndWithProgress() {
        RunRegistry registry = new RunRegistry();
        registry.requested(RunRequest.of(RUN, DefaultRunSpec.SPEC, "sweep-x", T0));
        assertThat(registry.find(RUN).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

        registry.started(RunStartedEvent.of(RUN, DefaultRunSpec.SPEC, T0.plusSeconds(1)));
        registry.checkpoint(checkpoint(1, T0.plusSeconds(11)));
        registry.checkpoint(checkpoint(2, T0.plusSeconds(21)));
        registry.checkpoint(checkpoint(1, T0.plusSeconds(11)));

        var run = registry.find(RUN).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.epochsCompleted()).isEqualTo(2);
        assertThat(run.sweepId()).isEqualTo("sweep-x");
        assertThat(run.progress().epochsPerSecond()).isEqualTo(0.1);
        assertThat(run.progress().etaSeconds()).isEqualTo((DefaultRunSpec.SPEC.epochs() - 2) * 10L);

        registry.ended(RunEndedEvent.of(RUN, RunEndedEvent.Status.CANCELLED, "cancelled", 2, T0.plusSeconds(30)));
        registry.started(RunStartedEvent.of(RUN, DefaultRunSpec.SPEC, T0.plusSeconds(1)));
        registry.requested(RunRequest.of(RUN, DefaultRunSpec.SPEC, "sweep-x", T0));

        assertThat(registry.find(RUN).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(registry.find(RUN).orElseThrow().reason()).isEqualTo("cancelled");
    }

    @Test
    void theReplicaTrainingARunIsShownUntilItLeaves() {
        RunRegistry registry = new RunRegistry();
        registry.requested(RunRequest.of(RUN, DefaultRunSpec.SPEC, null, T0));

        registry.trainedHere(RUN, "trainer-a");
        assertThat(registry.find(RUN).orElseThrow().replica()).isEqualTo("trainer-a");
        registry.trainedHere(RUN, null);
        assertThat(registry.find(RUN).orElseThrow().replica()).isNull();
    }

    private static CheckpointEvent checkpoint(int epoch, Instant at) {
        return CheckpointEvent.of(RUN, epoch, 0.5, 0.6, 0.7, null, 0.5, 0.9, 1.0, 2.0, Map.of("1_W", 1.0),
                "runs/" + RUN + "/checkpoints/epoch-00000" + epoch + ".zip",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 100L, 10_000L, at);
    }
}
