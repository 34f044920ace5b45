package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

import java.time.Instant;

/**
 * What this trainer knows of a run at one moment; immutable, replaced on every change.
 *
 * @param epochsCompleted epochs whose checkpoint event was published
 * @param latest          the last completed epoch's measurements; null before the first
 * @param reason          why it failed or was cancelled; null otherwise
 */
public record RunSnapshot(String runId, RunSpec spec, RunStatus status, int epochsCompleted, EpochSummary latest,
                          String reason, Instant submittedAt) {

    public static RunSnapshot queued(String runId, RunSpec spec, Instant submittedAt) {
        return new RunSnapshot(runId, spec, RunStatus.QUEUED, 0, null, null, submittedAt);
    }

    public RunSnapshot withStatus(RunStatus newStatus, String newReason) {
        return new RunSnapshot(runId, spec, newStatus, epochsCompleted, latest, newReason, submittedAt);
    }

    public RunSnapshot withEpoch(EpochSummary epoch) {
        return new RunSnapshot(runId, spec, status, epoch.epoch(), epoch, reason, submittedAt);
    }
}
