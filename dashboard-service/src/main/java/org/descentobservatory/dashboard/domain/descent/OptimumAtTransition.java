package org.descentobservatory.dashboard.domain.descent;

/**
 * The paper's claim that the global optimum sits at the first order→chaos transition, measured.
 *
 * @param globalOptimumEpoch     epoch of the lowest smoothed test loss
 * @param firstOrderToChaosEpoch first order→chaos threshold crossing; null when there is none
 * @param epochsApart            firstOrderToChaosEpoch − globalOptimumEpoch; null without a transition
 * @param toleranceEpochs        how far apart they may be and still count as "at"
 * @param atTransition           |epochsApart| ≤ toleranceEpochs; null without a transition (cannot be told)
 */
public record OptimumAtTransition(
        Integer globalOptimumEpoch,
        Integer firstOrderToChaosEpoch,
        Integer epochsApart,
        int toleranceEpochs,
        Boolean atTransition) {
}
