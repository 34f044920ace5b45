package org.descentobservatory.dashboard;

import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.RunStartedEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Valid events of one run for tests. Each measured value is derived from the epoch (and, for analyses, a revision
 * number) so a test can tell which event a row came from.
 */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private Events() {
    }

    public static RunSpec spec(int epochs) {
        return new RunSpec(RunSpec.SYNTHETIC_SENTIMENT, 2000, 32, 60, 100, 500, 1000, 0.2, 5e-4, 32, epochs, 7L, 50,
                RunSpec.LSTM, RunSpec.PADDING_PRE, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null, null, null, null);
    }

    public static RunStartedEvent started(String runId, int epochs, Instant at) {
        return RunStartedEvent.of(runId, spec(epochs), at);
    }

    public static CheckpointEvent checkpoint(String runId, int epoch) {
        return CheckpointEvent.of(runId, epoch, trainLoss(epoch), testLoss(epoch), 0.5 + epoch / 100.0,
                wrongTestLoss(epoch), 0.5 / epoch, 1.5 / epoch, 0.1 * epoch, 0.3 * epoch, weightNorms(epoch),
                ObjectKeys.checkpoint(runId, epoch), "ab".repeat(32), 197_000L, 1_000L + epoch,
                T0.plusSeconds(epoch));
    }

    public static AnalysisEvent analysis(String runId, int epoch, int revision) {
        return analysis(runId, epoch, revision, null, null);
    }

    /** An analysis with the analyzer's phase label and per-probe readouts (either may be null, as today). */
    public static AnalysisEvent analysis(String runId, int epoch, int revision, String phase,
                                         java.util.List<Double> readouts) {
        return analysis(runId, epoch, asymptoticDistance(epoch, revision), revision, phase, readouts);
    }

    /** An analysis with a chosen D̃. */
    public static AnalysisEvent analysis(String runId, int epoch, double dTilde, int revision, String phase,
                                         java.util.List<Double> readouts) {
        return new AnalysisEvent(AnalysisEvent.SCHEMA_VERSION, runId, epoch, dTilde,
                0.1 * revision, 50, 100, 1599, 1e-8, -15.0, largestLyapunovExponent(epoch, revision),
                lyapunovStandardError(epoch), lyapunovProbes(epoch), 200, 1000,
                AnalysisEvent.PERTURB_INITIAL_HIDDEN, AnalysisEvent.DYNAMICS_ZERO_INPUT, null, readouts, null, null, phase,
                "test-" + revision, 20L,
                T0.plusSeconds(1000L * revision + epoch));
    }

    public static RunEndedEvent ended(String runId, RunEndedEvent.Status status, String reason, int epochs) {
        return RunEndedEvent.of(runId, status, reason, epochs, T0.plusSeconds(3600));
    }

    public static double trainLoss(int epoch) {
        return 0.7 / epoch;
    }

    public static double testLoss(int epoch) {
        return 0.6 + 0.01 * epoch;
    }

    /** Absent (every test review right) in even epochs, to exercise the null. */
    public static Double wrongTestLoss(int epoch) {
        return epoch % 2 == 0 ? null : 0.9 + 0.01 * epoch;
    }

    public static Map<String, Double> weightNorms(int epoch) {
        Map<String, Double> norms = new LinkedHashMap<>();
        norms.put("0_W", 20.0 + epoch);
        norms.put("1_W", 5.0 + epoch);
        norms.put("1_RW", 4.0 + epoch);
        return norms;
    }

    public static double asymptoticDistance(int epoch, int revision) {
        return -15.0 + epoch + 0.5 * revision;
    }

    public static double largestLyapunovExponent(int epoch, int revision) {
        return -0.05 + 0.01 * epoch + 0.001 * revision;
    }

    /** Absent (a single Lyapunov probe) in every third epoch, to exercise the null. */
    public static Double lyapunovStandardError(int epoch) {
        return epoch % 3 == 0 ? null : 0.001 * epoch;
    }

    public static int lyapunovProbes(int epoch) {
        return epoch % 3 == 0 ? 1 : 20;
    }
}
