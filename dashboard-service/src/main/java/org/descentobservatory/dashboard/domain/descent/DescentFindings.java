package org.descentobservatory.dashboard.domain.descent;

import java.util.List;

/**
 * What the descent detection found in one run: the paper's claims made measurable (docs/dashboard.md).
 *
 * @param smoothingHalfWidth     h used for the smoothed test loss
 * @param minProminence          the absolute prominence a test-loss extremum needed (fraction × range)
 * @param checkpointsUsed        epochs with a test loss
 * @param epochsAnalysed         epochs with an analysis
 * @param phaseSource            {@code analyzer} (every analysed epoch labelled by the analyzer), {@code d-tilde}
 *                               (none labelled: phases from D̃ &gt; −14), {@code mixed}, or null (nothing analysed)
 * @param globalOptimumEpoch     epoch of the lowest smoothed test loss; null without test losses
 * @param overfittingEpoch       where the first descent ends: the first local minimum of the smoothed test loss, or
 *                               the global optimum when there is none
 * @param minima                 local minima of the smoothed test loss with their distances to transitions
 * @param maxima                 local maxima of the smoothed test loss
 * @param descentCycles          ascent-then-descent cycles after the overfitting point
 * @param phaseBands             runs of analysed epochs in one phase
 * @param transitions            order↔chaos threshold crossings
 * @param changePoints           sharp rises and falls of D̃
 * @param edgeWindows            runs of edge epochs with their widths
 * @param trainingLossSpikes     epochs whose training loss jumped
 * @param globalOptimumVsFirstOrderToChaos whether the global optimum falls at the first order→chaos transition
 */
public record DescentFindings(
        int smoothingHalfWidth,
        double minProminence,
        int checkpointsUsed,
        int epochsAnalysed,
        String phaseSource,
        Integer globalOptimumEpoch,
        Integer overfittingEpoch,
        List<LocalMinimum> minima,
        List<LocalMaximum> maxima,
        List<DescentCycle> descentCycles,
        List<PhaseBand> phaseBands,
        List<Transition> transitions,
        List<ChangePoint> changePoints,
        List<EdgeWindow> edgeWindows,
        List<TrainingLossSpike> trainingLossSpikes,
        OptimumAtTransition globalOptimumVsFirstOrderToChaos) {
}
