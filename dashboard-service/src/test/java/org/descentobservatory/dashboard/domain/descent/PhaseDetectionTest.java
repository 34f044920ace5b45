package org.descentobservatory.dashboard.domain.descent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.dashboard.domain.descent.Tolerances.ARITHMETIC;

class PhaseDetectionTest {

    private static final double ORDER_D = -15.0;
    private static final double EDGE_D = -10.0;
    private static final double CHAOS_D = -5.0;

    /** Epochs 1.. with the given phases, D̃ at a level per phase. */
    private static List<AnalysedEpoch> epochs(Phase... phases) {
        List<AnalysedEpoch> list = new ArrayList<>();
        for (int i = 0; i < phases.length; i++) {
            double d = switch (phases[i]) {
                case ORDER -> ORDER_D;
                case EDGE -> EDGE_D;
                case CHAOS -> CHAOS_D;
            };
            list.add(new AnalysedEpoch(i + 1, d, phases[i]));
        }
        return list;
    }

    private static final Phase O = Phase.ORDER;
    private static final Phase E = Phase.EDGE;
    private static final Phase C = Phase.CHAOS;

    @Test
    void aTransitionThroughEdgeIsDatedAtItsFirstEdgeEpochAndAReturnIsNone() {
        // 1-2 order, 3-4 edge, 5-6 chaos, 7 order, 8 edge, 9 order.
        List<AnalysedEpoch> run = epochs(O, O, E, E, C, C, O, E, O);

        assertThat(PhaseDetection.transitions(run)).containsExactly(
                new Transition(3, "order", "chaos"), new Transition(7, "chaos", "order"));
        assertThat(PhaseDetection.edgeWindows(run)).containsExactly(new EdgeWindow(3, 4, 2), new EdgeWindow(8, 8, 1));
        assertThat(PhaseDetection.bands(run)).containsExactly(new PhaseBand("order", 1, 2),
                new PhaseBand("edge", 3, 4), new PhaseBand("chaos", 5, 6), new PhaseBand("order", 7, 7),
                new PhaseBand("edge", 8, 8), new PhaseBand("order", 9, 9));
        assertThat(PhaseDetection.transitions(run).get(0).kind()).isEqualTo(Transition.ORDER_TO_CHAOS);
    }

    @Test
    void leadingEdgeEpochsStartNoTransition() {
        assertThat(PhaseDetection.transitions(epochs(E, E, C, O))).containsExactly(new Transition(4, "chaos", "order"));
        assertThat(PhaseDetection.transitions(List.of())).isEmpty();
    }

    @Test
    void changePointsMergeConsecutiveJumpsOfOneDirectionAndIgnoreSmallSteps() {
        List<AnalysedEpoch> run = List.of(
                new AnalysedEpoch(10, -8.4, C), new AnalysedEpoch(20, -8.0, C),   // +0.4: no change point
                new AnalysedEpoch(30, -12.6, C),                                   // −4.6: a fall that stays above −14
                new AnalysedEpoch(40, -15.0, O),                                   // −2.4: same fall, merged
                new AnalysedEpoch(50, -12.0, C));                                  // +3.0: a rise

        List<ChangePoint> points = PhaseDetection.changePoints(run, 2.0);

        assertThat(points).hasSize(2);
        assertThat(points.get(0).epoch()).isEqualTo(30);
        assertThat(points.get(0).previousEpoch()).isEqualTo(20);
        assertThat(points.get(0).direction()).isEqualTo(ChangePoint.FALL);
        assertThat(points.get(0).delta()).isCloseTo(-7.0, within(ARITHMETIC));
        assertThat(points.get(1)).isEqualTo(new ChangePoint(50, 40, 3.0, ChangePoint.RISE));
        assertThat(PhaseDetection.changePoints(run, 5.0)).as("merging joins qualifying steps only: no single step reaches 5")
                .isEmpty();
    }

    @Test
    void withoutAnAnalyzerLabelPhaseComesFromTheThreshold() {
        assertThat(Phase.of(null, -14.0)).isEqualTo(Phase.ORDER);
        assertThat(Phase.of(null, -13.99)).isEqualTo(Phase.CHAOS);
        assertThat(Phase.of("edge", -15.0)).as("the analyzer's label wins").isEqualTo(Phase.EDGE);
        assertThat(Phase.of("unknown-label", 0.0)).isNull();
    }
}
