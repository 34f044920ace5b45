package org.descentobservatory.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid instance of every contract, for the schema tests. */
final class SampleEvents {

    static final String RUN_ID = "run-20261127-120000-ab12";
    static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    private SampleEvents() {
    }

    static RunSpec spec() {
        return new RunSpec(RunSpec.SYNTHETIC_SENTIMENT, 2000, 32, 60, 100, 800, 1000, 0.2, 5e-4, 32, 300, 42L, 200,
                RunSpec.SIMPLE_RNN, RunSpec.PADDING_POST, RunSpec.KERAS_ADAM_EPSILON, 1.0, RunSpec.RMSPROP, 5, 0.7,
                "aclImdb_v1.tar.gz", null, null);
    }

    static RunRequest runRequest() {
        return RunRequest.of(RUN_ID, spec(), "sweep-20261127-120000-cd34", AT);
    }

    static RunControl runControl() {
        return RunControl.cancel(RUN_ID, "wrong learning rate", AT);
    }

    static RunStartedEvent runStarted() {
        return RunStartedEvent.of(RUN_ID, spec(), AT);
    }

    static CheckpointEvent checkpoint() {
        return CheckpointEvent.of(RUN_ID, 7, 0.31, 0.42, 0.88, 1.35, 0.29, 0.61, 0.84, 2.7,
                Map.of("0_W", 25.3, "1_W", 6.1, "1_RW", 5.4, "1_b", 1.2, "2_W", 1.9, "2_b", 0.1),
                ObjectKeys.checkpoint(RUN_ID, 7),
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 67_000L, 3_200L, AT);
    }

    static AnalysisEvent analysis() {
        return new AnalysisEvent(AnalysisEvent.SCHEMA_VERSION, RUN_ID, 7, -11.5, 0.25, 200, 100, 1599, 1e-8, -15.0,
                0.012, 0.004, 20, 200, 1000, AnalysisEvent.PERTURB_INITIAL_HIDDEN,
                AnalysisEvent.DYNAMICS_ZERO_INPUT, new Quantiles(-15, -15, -14, -12, -9, -8, -7.5),
                List.of(0.3, -1.2), List.of(0.012, -0.3), List.of(0.004, 0.01),
                AnalysisEvent.PHASE_EDGE, "0.1.0", 900L, AT);
    }

    static RunEndedEvent runEnded() {
        return RunEndedEvent.of(RUN_ID, RunEndedEvent.Status.FAILED, "out of memory", 6, AT);
    }

    static ProbeSet probeSet() {
        return ProbeSet.of(RUN_ID, new int[][] {{0, 0, 5, 9}, {0, 3, 1, 2}});
    }
}
