package org.descentobservatory.dashboard.domain;

import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunStartedEvent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All runs the dashboard has seen, built only from their events: replaying the topics from the beginning rebuilds
 * the same state. A run appears with its first event of any kind. Thread-safe: the topics are consumed concurrently.
 */
public final class RunRegistry {

    /**
     * Newest first. A run whose run-started event has not arrived yet sorts before all others: its later events
     * are the only sign of it, and they are likely the newest. Ties by run id keep the order stable.
     */
    private static final Comparator<RunSummary> NEWEST_FIRST =
            Comparator.comparing(RunSummary::startedAt, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
                    .thenComparing(RunSummary::runId);

    private final Map<String, RunAggregate> runs = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, TimelineRow>> rowListeners = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with the run id and the epoch's new row after every checkpoint or analysis applied, on
     * the thread that applied it. The listener must be quick and must not throw.
     */
    public void onRowChanged(BiConsumer<String, TimelineRow> listener) {
        rowListeners.add(listener);
    }

    public void apply(RunStartedEvent event) {
        run(event.runId()).apply(event);
    }

    public void apply(CheckpointEvent event) {
        changed(event.runId(), run(event.runId()).apply(event));
    }

    public void apply(AnalysisEvent event) {
        changed(event.runId(), run(event.runId()).apply(event));
    }

    public void apply(RunEndedEvent event) {
        run(event.runId()).apply(event);
    }

    /** Every run's summary, newest first. */
    public List<RunSummary> summaries() {
        return runs.values().stream().map(RunAggregate::summary).sorted(NEWEST_FIRST).toList();
    }

    /** The run's summary, or empty if no event of it has been seen. */
    public Optional<RunSummary> summary(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunAggregate::summary);
    }

    /** The run's timeline rows by ascending epoch, or empty if no event of it has been seen. */
    public Optional<List<TimelineRow>> timeline(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunAggregate::rows);
    }

    /** The run's rows with their change stamps, by ascending epoch; empty if the run is unknown. */
    public Optional<List<StampedRow>> stampedTimeline(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunAggregate::stampedRows);
    }

    /** A number that changes whenever an event of the run is applied; empty if the run is unknown. */
    public Optional<Long> version(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunAggregate::version);
    }

    /** Per analysed epoch in [from, to] of the run, its per-probe readouts; empty if the run is unknown. */
    public Optional<NavigableMap<Integer, double[]>> readouts(String runId, int fromEpoch, int toEpoch) {
        return Optional.ofNullable(runs.get(runId)).map(run -> run.readouts(fromEpoch, toEpoch));
    }

    private void changed(String runId, TimelineRow row) {
        for (BiConsumer<String, TimelineRow> listener : rowListeners) {
            listener.accept(runId, row);
        }
    }

    private RunAggregate run(String runId) {
        return runs.computeIfAbsent(runId, RunAggregate::new);
    }
}
