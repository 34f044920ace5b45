package org.descentobservatory.dashboard.domain;

import org.descentobservatory.schemas.RunSpec;

import java.time.Instant;

/**
 * A snapshot of one run for listings.
 *
 * @param runId          the run's id
 * @param status         RUNNING until its run-ended event arrives
 * @param reason         why it failed or was cancelled; null otherwise
 * @param spec           the run's spec; null until its run-started event arrives
 * @param startedAt      from the run-started event; null until it arrives
 * @param endedAt        from the run-ended event; null while running
 * @param epochsPlanned  {@code spec.epochs()}; null until the run-started event arrives
 * @param epochsTrained  distinct epochs whose checkpoint was seen
 * @param epochsAnalysed distinct epochs whose analysis was seen
 * @param latestTestLoss test loss of the highest checkpointed epoch; null before the first checkpoint
 */
public record RunSummary(
        String runId,
        RunStatus status,
        String reason,
        RunSpec spec,
        Instant startedAt,
        Instant endedAt,
        Integer epochsPlanned,
        int epochsTrained,
        int epochsAnalysed,
        Double latestTestLoss) {
}
