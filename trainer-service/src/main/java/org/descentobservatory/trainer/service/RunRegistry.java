package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.trainer.domain.EpochSummary;
import org.descentobservatory.trainer.domain.ProgressWindow;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.descentobservatory.trainer.domain.RunStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every run of every replica, as the run topics tell it (requests, starts, checkpoints, ends; read from the
 * beginning by each replica, see {@link org.descentobservatory.trainer.listener.RunViewListener}), plus which runs this
 * replica trains. It is only what {@code GET /api/runs} shows: a run's durable record is its events and its objects
 * in the store, so the registry is rebuilt from Kafka at every start. Events may come twice (a resumed run
 * republishes what it cannot know was published) and from several topics in any interleaving; every update is
 * idempotent and never moves a run back from an end or to an older epoch.
 */
@ApplicationScoped
public class RunRegistry {

    private final Map<String, RunSnapshot> runs = new ConcurrentHashMap<>();
    private final Map<String, ProgressWindow> progress = new ConcurrentHashMap<>();

    public void requested(RunRequest request) {
        runs.putIfAbsent(request.runId(),
                RunSnapshot.queued(request.runId(), request.spec(), request.sweepId(), request.requestedAt()));
    }

    public void started(RunStartedEvent event) {
        runs.compute(event.runId(), (id, run) -> {
            RunSnapshot known = run != null ? run : RunSnapshot.queued(id, event.spec(), null, event.startedAt());
            return known.hasEnded() ? known : known.withStatus(RunStatus.RUNNING, null);
        });
    }

    public void checkpoint(CheckpointEvent event) {
        runs.computeIfPresent(event.runId(), (id, run) -> {
            if (event.epoch() <= run.epochsCompleted()) {
                return run;
            }
            ProgressWindow window = progress.computeIfAbsent(id, any -> new ProgressWindow());
            window.completed(event.epoch(), event.createdAt());
            EpochSummary summary = new EpochSummary(event.epoch(), event.trainLoss(), event.testLoss(),
                    event.testAccuracy(), event.wallTimeMs());
            RunSnapshot advanced = run.withEpoch(summary, window.progress(run.spec().epochs()));
            return run.status() == RunStatus.QUEUED ? advanced.withStatus(RunStatus.RUNNING, null) : advanced;
        });
    }

    public void ended(RunEndedEvent event) {
        runs.computeIfPresent(event.runId(),
                (id, run) -> run.hasEnded() ? run : run.withStatus(RunStatus.valueOf(event.status().name()),
                        event.reason()));
        progress.remove(event.runId());
    }

    /** Marks the run as trained by this replica ({@code replica}), or, with null, no longer. */
    public void trainedHere(String runId, String replica) {
        runs.computeIfPresent(runId, (id, run) -> run.withReplica(replica));
    }

    public Optional<RunSnapshot> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** Every run, oldest submission first. */
    public List<RunSnapshot> all() {
        return runs.values().stream()
                .sorted(Comparator.comparing(RunSnapshot::submittedAt).thenComparing(RunSnapshot::runId))
                .toList();
    }
}
