package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunSpec;

import java.time.Instant;

/**
 * A run's durable state as its trainer stores it next to its checkpoints ({@code runs/{runId}/run.json}), written
 * after every step whose effect must survive a crash. Whichever replica picks the run's request up after a crash
 * reads it to decide what is left to do and what must be published again.
 *
 * @param replica            the replica that last trained the run
 * @param startedAt          when the run first started; the {@code startedAt} of its RunStartedEvent
 * @param startPublished     whether its RunStartedEvent was acknowledged by the broker
 * @param lastPublishedEpoch the last epoch whose checkpoint event the broker acknowledged; 0 before the first
 * @param ended              how the run ended, stored before its RunEndedEvent is published; null while it runs
 * @param endPublished       whether that RunEndedEvent was acknowledged by the broker
 * @param updatedAt          when this manifest was written
 */
public record RunManifest(String runId, RunSpec spec, String sweepId, String replica, Instant startedAt,
                          boolean startPublished, int lastPublishedEpoch, RunEndedEvent ended, boolean endPublished,
                          Instant updatedAt) {

    /** A run about to publish its start. */
    public static RunManifest starting(RunRequest request, String replica, Instant now) {
        return new RunManifest(request.runId(), request.spec(), request.sweepId(), replica, now, false, 0, null,
                false, now);
    }

    public RunManifest withStartPublished(Instant now) {
        return new RunManifest(runId, spec, sweepId, replica, startedAt, true, lastPublishedEpoch, ended, endPublished,
                now);
    }

    public RunManifest withPublishedEpoch(int epoch, Instant now) {
        return new RunManifest(runId, spec, sweepId, replica, startedAt, startPublished, epoch, ended, endPublished,
                now);
    }

    public RunManifest withEnded(RunEndedEvent end, Instant now) {
        return new RunManifest(runId, spec, sweepId, replica, startedAt, startPublished, lastPublishedEpoch, end,
                false, now);
    }

    public RunManifest withEndPublished(Instant now) {
        return new RunManifest(runId, spec, sweepId, replica, startedAt, startPublished, lastPublishedEpoch, ended,
                true, now);
    }

    /** The same manifest, now trained by {@code newReplica}. */
    public RunManifest takenOverBy(String newReplica, Instant now) {
        return new RunManifest(runId, spec, sweepId, newReplica, startedAt, startPublished, lastPublishedEpoch, ended,
                endPublished, now);
    }
}
