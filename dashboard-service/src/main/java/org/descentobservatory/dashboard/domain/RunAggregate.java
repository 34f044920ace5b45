package org.descentobservatory.dashboard.domain;

import org.descentobservatory.dashboard.domain.descent.Phase;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunStartedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything seen of one run, joined by epoch. Each topic is consumed on its own, so events of one run arrive in
 * any order across topics (an analysis before its checkpoint, a run-ended before the run-started): the aggregate keeps
 * the latest event of each kind (per epoch where it has one) and derives its views from them when asked, so the result
 * does not depend on the order the topics were read in. A repeated event for the same epoch replaces the earlier one.
 * Thread-safe: every method locks the aggregate.
 */
final class RunAggregate {

    private final String runId;
    private RunStartedEvent started;
    private RunEndedEvent ended;
    private final NavigableMap<Integer, CheckpointEvent> checkpoints = new TreeMap<>();
    /** Analyses without their per-probe readouts, which are kept apart as primitive arrays (500 boxed doubles per
     * epoch would cost ~16 bytes each: 80 MB for a 10,000-epoch run). */
    private final NavigableMap<Integer, AnalysisEvent> analyses = new TreeMap<>();
    private final NavigableMap<Integer, double[]> readouts = new TreeMap<>();
    /** Bumped by every event applied: views derived from the aggregate may be cached against it. */
    private long version;
    /** Per epoch, the {@link #version} at which its row last changed: a row's serialised form may be cached. */
    private final Map<Integer, Long> rowStamps = new java.util.HashMap<>();

    RunAggregate(String runId) {
        this.runId = runId;
    }

    synchronized void apply(RunStartedEvent event) {
        started = event;
        version++;
    }

    synchronized void apply(RunEndedEvent event) {
        ended = event;
        version++;
    }

    /** @return the epoch's row as it now stands */
    synchronized TimelineRow apply(CheckpointEvent event) {
        checkpoints.put(event.epoch(), event);
        rowStamps.put(event.epoch(), ++version);
        return row(event.epoch(), event, analyses.get(event.epoch()));
    }

    /**
     * The epoch's analysis is replaced by this one, readouts included: the last analysis of an epoch to arrive wins
     * (a re-analysis after an analyzer upgrade is published later).
     *
     * @return the epoch's row as it now stands
     */
    synchronized TimelineRow apply(AnalysisEvent event) {
        AnalysisEvent kept = withoutReadouts(event);
        analyses.put(event.epoch(), kept);
        rowStamps.put(event.epoch(), ++version);
        if (event.asymptoticReadouts() == null) {
            readouts.remove(event.epoch());
        } else {
            readouts.put(event.epoch(), event.asymptoticReadouts().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return row(event.epoch(), checkpoints.get(event.epoch()), kept);
    }

    /** Per analysed epoch in [from, to], its probes' readouts Σ_j h_T,j; the arrays are not to be modified. */
    synchronized NavigableMap<Integer, double[]> readouts(int fromEpoch, int toEpoch) {
        return new TreeMap<>(readouts.subMap(fromEpoch, true, toEpoch, true));
    }

    synchronized long version() {
        return version;
    }

    synchronized RunSummary summary() {
        Map.Entry<Integer, CheckpointEvent> latest = checkpoints.lastEntry();
        return new RunSummary(
                runId,
                ended == null ? RunStatus.RUNNING : RunStatus.of(ended.status()),
                ended == null ? null : ended.reason(),
                started == null ? null : started.spec(),
                started == null ? null : started.startedAt(),
                ended == null ? null : ended.endedAt(),
                started == null ? null : started.spec().epochs(),
                checkpoints.size(),
                analyses.size(),
                latest == null ? null : latest.getValue().testLoss());
    }

    /** The rows with the version at which each last changed, by ascending epoch. */
    synchronized List<StampedRow> stampedRows() {
        return rows().stream().map(row -> new StampedRow(row, rowStamps.get(row.epoch()))).toList();
    }

    /** One row per epoch that has a checkpoint, an analysis or both, by ascending epoch. */
    synchronized List<TimelineRow> rows() {
        TreeSet<Integer> epochs = new TreeSet<>(checkpoints.keySet());
        epochs.addAll(analyses.keySet());
        List<TimelineRow> rows = new ArrayList<>(epochs.size());
        for (int epoch : epochs) {
            rows.add(row(epoch, checkpoints.get(epoch), analyses.get(epoch)));
        }
        return rows;
    }

    private static AnalysisEvent withoutReadouts(AnalysisEvent e) {
        return e.asymptoticReadouts() == null ? e : new AnalysisEvent(e.schemaVersion(), e.runId(), e.epoch(),
                e.asymptoticDistance(), e.chaoticFraction(), e.probeCount(), e.drivenSteps(), e.totalSteps(),
                e.perturbation(), e.floorLog(), e.largestLyapunovExponent(), e.lyapunovStandardError(),
                e.lyapunovProbes(), e.lyapunovTransientSteps(), e.lyapunovSteps(), e.perturbationTarget(),
                e.dynamics(), e.logDistanceQuantiles(), null, e.lyapunovSpectrum(),
                e.lyapunovSpectrumStandardErrors(), e.phase(), e.analyzerVersion(), e.durationMs(), e.analysedAt());
    }

    /** The analyzer's label, or the phase D̃ implies when it gave none. */
    private static String phaseOf(AnalysisEvent analysis) {
        return analysis.phase() != null ? analysis.phase()
                : Phase.of(null, analysis.asymptoticDistance()).label();
    }

    private static TimelineRow row(int epoch, CheckpointEvent checkpoint, AnalysisEvent analysis) {
        return new TimelineRow(
                epoch,
                checkpoint == null ? null : checkpoint.trainLoss(),
                checkpoint == null ? null : checkpoint.testLoss(),
                checkpoint == null ? null : checkpoint.testAccuracy(),
                checkpoint == null ? null : checkpoint.wrongTestLoss(),
                checkpoint == null ? null : checkpoint.meanBatchLoss(),
                checkpoint == null ? null : checkpoint.maxBatchLoss(),
                checkpoint == null ? null : checkpoint.meanGradientNorm(),
                checkpoint == null ? null : checkpoint.maxGradientNorm(),
                checkpoint == null ? null : checkpoint.weightNorms(),
                checkpoint == null ? null : checkpoint.wallTimeMs(),
                analysis == null ? null : analysis.asymptoticDistance(),
                analysis == null ? null : analysis.chaoticFraction(),
                analysis == null ? null : analysis.largestLyapunovExponent(),
                analysis == null ? null : analysis.lyapunovStandardError(),
                analysis == null ? null : phaseOf(analysis),
                analysis == null ? null : analysis.phase() != null,
                analysis == null ? null : analysis.analysedAt());
    }
}
