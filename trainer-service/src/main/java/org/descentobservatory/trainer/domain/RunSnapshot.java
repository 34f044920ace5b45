package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

import java.time.Instant;

/**
 * What this trainer knows of a run at one moment, from the run topics; immutable, replaced on every change.
 *
 * @param sweepId         the sweep the run belongs to; null for a single run
 * @param epochsCompleted epochs whose checkpoint event was published
 * @param latest          the last completed epoch's measurements; null before the first
 * @param progress        epochs per second and time left, over the recent epochs
 * @param reason          why it failed or was cancelled; null otherwise
 * @param replica         the replica answering, when it is the one training the run; null otherwise
 */
public record RunSnapshot(String runId, RunSpec spec, String sweepId, RunStatus status, int epochsCompleted,
                          EpochSummary latest, RunProgress progress, String reason, Instant submittedAt,
                          String replica) {

    public static RunSnapshot queued(String runId, RunSpec spec, String sweepId, Instant submittedAt) {
        return new RunSnapshot(runId, spec, sweepId, RunStatus.QUEUED, 0, null, RunProgress.UNKNOWN, null, submittedAt,
                null);
    }

    public RunSnapshot withStatus(RunStatus newStatus, String newReason) {
        return new RunSnapshot(runId, spec, sweepId, newStatus, epochsCompleted, latest, progress, newReason,
                submittedAt, replica);
    }

    public RunSnapshot withEpoch(EpochSummary epoch, RunProgress newProgress) {
        return new RunSnapshot(runId, spec, sweepId, status, epoch.epoch(), epoch, newProgress, reason, submittedAt,
                replica);
    }

    public RunSnapshot withReplica(String newReplica) {
        return new RunSnapshot(runId, spec, sweepId, status, epochsCompleted, latest, progress, reason, submittedAt,
                newReplica);
    }

    /** Whether the run has ended, one way or another. */
    public boolean hasEnded() {
        return status.hasEnded();
    }
}
