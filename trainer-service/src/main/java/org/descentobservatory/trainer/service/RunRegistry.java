package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.domain.RunIds;
import org.descentobservatory.trainer.domain.RunSnapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The runs this trainer process has accepted, in memory: the durable record of a run is its events on Kafka and its
 * objects in the store, this is only what {@code GET /api/runs} shows.
 */
@ApplicationScoped
public class RunRegistry {

    private final Map<String, RunSnapshot> runs = new ConcurrentHashMap<>();

    /** Registers a queued run under a fresh id. */
    public RunSnapshot register(RunSpec spec, Instant submittedAt) {
        while (true) {
            RunSnapshot run = RunSnapshot.queued(RunIds.next(submittedAt, ThreadLocalRandom.current()), spec,
                    submittedAt);
            if (runs.putIfAbsent(run.runId(), run) == null) {
                return run;
            }
        }
    }

    public void update(String runId, UnaryOperator<RunSnapshot> change) {
        runs.computeIfPresent(runId, (id, run) -> change.apply(run));
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
