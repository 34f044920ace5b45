package org.descentobservatory.dashboard.domain;

import java.time.Instant;

/**
 * One epoch of a run: what its checkpoint measured joined with what its analysis found. A row exists as soon as
 * either event arrived, so the checkpoint fields are null until the checkpoint is seen and the analysis fields are
 * null until the epoch is analysed.
 *
 * @param epoch              1-based epoch number
 * @param trainLoss          mean binary cross-entropy over the training split
 * @param testLoss           mean binary cross-entropy over the test split
 * @param testAccuracy       share of test reviews classified correctly
 * @param wallTimeMs         wall-clock time of the epoch (training, evaluation, storing)
 * @param asymptoticDistance D̃, the paper's mean log distance of perturbed trajectories at step T
 * @param chaoticFraction    share of probes whose distance stayed above the floor
 * @param analysedAt         when the analysis finished; null until analysed
 */
public record TimelineRow(
        int epoch,
        Double trainLoss,
        Double testLoss,
        Double testAccuracy,
        Long wallTimeMs,
        Double asymptoticDistance,
        Double chaoticFraction,
        Instant analysedAt) {
}
