package org.descentobservatory.dashboard.domain.descent;

/**
 * A local minimum of the smoothed test loss with its distances to the events the paper ties it to. Distances are
 * signed, in epochs: event epoch − minimum epoch (negative: the event came first); null when there is no such event.
 *
 * @param epoch                      the minimum's epoch
 * @param smoothedTestLoss           smoothed test loss there
 * @param prominence                 its prominence on the smoothed curve
 * @param nearestTransitionEpoch     the nearest order↔chaos threshold crossing
 * @param epochsToNearestTransition  its signed distance
 * @param nearestChangePointEpoch    the nearest D̃ change point
 * @param epochsToNearestChangePoint its signed distance
 * @param nearestSpikeEpoch          the nearest training-loss spike
 * @param epochsToNearestSpike       its signed distance
 */
public record LocalMinimum(
        int epoch,
        double smoothedTestLoss,
        double prominence,
        Integer nearestTransitionEpoch,
        Integer epochsToNearestTransition,
        Integer nearestChangePointEpoch,
        Integer epochsToNearestChangePoint,
        Integer nearestSpikeEpoch,
        Integer epochsToNearestSpike) {
}
