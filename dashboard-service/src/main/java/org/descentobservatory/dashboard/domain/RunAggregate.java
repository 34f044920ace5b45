package org.descentobservatory.dashboard.domain;

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
    private final NavigableMap<Integer, AnalysisEvent> analyses = new TreeMap<>();

    RunAggregate(String runId) {
        this.runId = runId;
    }

    synchronized void apply(RunStartedEvent event) {
        started = event;
    }

    synchronized void apply(RunEndedEvent event) {
        ended = event;
    }

    synchronized void apply(CheckpointEvent event) {
        checkpoints.put(event.epoch(), event);
    }

    synchronized void apply(AnalysisEvent event) {
        analyses.put(event.epoch(), event);
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
                analysis == null ? null : analysis.analysedAt());
    }
}
