package org.descentobservatory.dashboard.domain.descent;

import org.descentobservatory.dashboard.domain.TimelineRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.dashboard.domain.descent.Rows.row;
import static org.descentobservatory.dashboard.domain.descent.Tolerances.ARITHMETIC;

/**
 * A 300-epoch run built to have the paper's shape (reference values are the construction's, stated below):
 * test loss falls to its global optimum at epoch 20, then two sawtooth cycles each rising slowly and dropping
 * sharply into minima at 100 and 200; order until 19, an edge window 20–24, chaos 25–98, order 99–198, a brief
 * edge 199–200 that returns to order; training-loss spikes at 97 and 198.
 */
class DescentDetectorTest {

    private static final DescentSettings NO_SMOOTHING = new DescentSettings(0, null, null, null, null);

    static double testLoss(int e) {
        if (e <= 20) {
            return 0.70 - 0.02 * (e - 1);                       // 0.70 → 0.32
        }
        if (e <= 95) {
            return 0.32 + (0.80 - 0.32) * (e - 20) / 75.0;      // slow rise to 0.80
        }
        if (e <= 100) {
            return 0.80 - (0.80 - 0.45) * (e - 95) / 5.0;       // sharp drop to 0.45
        }
        if (e <= 195) {
            return 0.45 + (0.85 - 0.45) * (e - 100) / 95.0;
        }
        if (e <= 200) {
            return 0.85 - (0.85 - 0.50) * (e - 195) / 5.0;
        }
        return 0.50 + (0.90 - 0.50) * (e - 200) / 100.0;
    }

    static String phase(int e) {
        if (e <= 19) {
            return "order";
        }
        if (e <= 24 || (e >= 199 && e <= 200)) {
            return "edge";
        }
        return e <= 98 ? "chaos" : "order";
    }

    static double dTilde(String phase) {
        return switch (phase) {
            case "order" -> -15.0;
            case "edge" -> -10.0;
            default -> -5.0;
        };
    }

    static double trainLoss(int e) {
        return e == 97 || e == 198 ? 3.0 * 0.5 / (e - 1) : 0.5 / e;
    }

    static List<TimelineRow> run() {
        List<TimelineRow> rows = new ArrayList<>();
        for (int e = 1; e <= 300; e++) {
            rows.add(row(e, trainLoss(e), testLoss(e), dTilde(phase(e)), phase(e)));
        }
        return rows;
    }

    @Test
    void findsTheConstructedMinimaCyclesTransitionsAndDistances() {
        DescentFindings f = DescentDetector.detect(run(), NO_SMOOTHING);

        assertThat(f.checkpointsUsed()).isEqualTo(300);
        assertThat(f.epochsAnalysed()).isEqualTo(300);
        assertThat(f.phaseSource()).isEqualTo(DescentDetector.SOURCE_ANALYZER);
        assertThat(f.minProminence()).isCloseTo(0.05 * (0.90 - 0.32), within(ARITHMETIC));
        assertThat(f.globalOptimumEpoch()).isEqualTo(20);
        assertThat(f.overfittingEpoch()).isEqualTo(20);
        assertThat(f.minima()).extracting(LocalMinimum::epoch).containsExactly(20, 100, 200);
        assertThat(f.maxima()).extracting(LocalMaximum::epoch).containsExactly(95, 195);
        assertThat(f.descentCycles()).usingRecursiveFieldByFieldElementComparator(
                        org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                                .withComparatorForType((a, b) -> Math.abs(a - b) <= ARITHMETIC ? 0 : Double.compare(a, b),
                                        Double.class).build())
                .containsExactly(
                new DescentCycle(20, 95, 100, 0.80 - 0.32, 0.80 - 0.45),
                new DescentCycle(100, 195, 200, 0.85 - 0.45, 0.85 - 0.50));

        assertThat(f.transitions()).containsExactly(new Transition(20, "order", "chaos"),
                new Transition(99, "chaos", "order"));
        assertThat(f.changePoints()).extracting(ChangePoint::epoch, ChangePoint::direction).containsExactly(
                org.assertj.core.groups.Tuple.tuple(20, "rise"), org.assertj.core.groups.Tuple.tuple(25, "rise"),
                org.assertj.core.groups.Tuple.tuple(99, "fall"),
                org.assertj.core.groups.Tuple.tuple(199, "rise"), org.assertj.core.groups.Tuple.tuple(201, "fall"));
        assertThat(f.changePoints().get(0).delta()).as("−15 → −10 into the edge").isCloseTo(5.0, within(ARITHMETIC));
        assertThat(f.changePoints().get(2).delta()).as("−5 → −15 in one step").isCloseTo(-10.0, within(ARITHMETIC));
        assertThat(f.edgeWindows()).containsExactly(new EdgeWindow(20, 24, 5), new EdgeWindow(199, 200, 2));
        assertThat(f.trainingLossSpikes()).extracting(TrainingLossSpike::epoch).containsExactly(97, 198);
        assertThat(f.trainingLossSpikes().get(0).ratio()).isCloseTo(3.0, within(ARITHMETIC));

        LocalMinimum second = f.minima().get(1);
        assertThat(second.nearestTransitionEpoch()).isEqualTo(99);
        assertThat(second.epochsToNearestTransition()).isEqualTo(-1);
        assertThat(second.nearestChangePointEpoch()).isEqualTo(99);
        assertThat(second.nearestSpikeEpoch()).isEqualTo(97);
        assertThat(second.epochsToNearestSpike()).isEqualTo(-3);
        LocalMinimum third = f.minima().get(2);
        assertThat(third.epochsToNearestTransition()).isEqualTo(99 - 200);
        assertThat(third.nearestChangePointEpoch()).as("199 and 201 tie: the earlier").isEqualTo(199);
        assertThat(third.epochsToNearestSpike()).isEqualTo(-2);

        OptimumAtTransition claim = f.globalOptimumVsFirstOrderToChaos();
        assertThat(claim.firstOrderToChaosEpoch()).isEqualTo(20);
        assertThat(claim.epochsApart()).isZero();
        assertThat(claim.toleranceEpochs()).as("twice the 1-epoch analysis gap").isEqualTo(2);
        assertThat(claim.atTransition()).isTrue();
    }

    @Test
    void smoothingRemovesNoiseMinimaThatTheProminenceRuleAloneWouldKeep() {
        java.util.Random noise = new java.util.Random(3);
        List<TimelineRow> noisy = run().stream()
                .map(r -> row(r.epoch(), r.trainLoss(), r.testLoss() + 0.004 * noise.nextGaussian(),
                        r.asymptoticDistance(), r.phase())).toList();

        DescentFindings raw = DescentDetector.detect(noisy, new DescentSettings(0, 0.0, null, null, null));
        DescentFindings smoothed = DescentDetector.detect(noisy, new DescentSettings(3, null, null, null, null));

        assertThat(raw.minima().size()).isGreaterThan(10);
        assertThat(smoothed.minima()).extracting(LocalMinimum::epoch)
                .satisfiesExactly(e -> assertThat(e).isBetween(17, 23), e -> assertThat(e).isBetween(97, 103),
                        e -> assertThat(e).isBetween(197, 203));
    }

    @Test
    void anOptimumFarFromTheFirstTransitionIsNotAtIt() {
        List<TimelineRow> late = run().stream()
                .map(r -> row(r.epoch(), r.trainLoss(), r.testLoss(), r.epoch() < 60 ? -15.0 : -5.0, null))
                .toList();

        DescentFindings f = DescentDetector.detect(late, NO_SMOOTHING);

        assertThat(f.phaseSource()).isEqualTo(DescentDetector.SOURCE_D_TILDE);
        assertThat(f.transitions()).containsExactly(new Transition(60, "order", "chaos"));
        assertThat(f.edgeWindows()).as("D̃ alone knows no edge").isEmpty();
        assertThat(f.globalOptimumVsFirstOrderToChaos().epochsApart()).isEqualTo(40);
        assertThat(f.globalOptimumVsFirstOrderToChaos().atTransition()).isFalse();
        assertThat(DescentDetector.detect(late, new DescentSettings(0, null, null, null, 40))
                .globalOptimumVsFirstOrderToChaos().atTransition()).isTrue();
    }

    @Test
    void aRunWithoutAnalysesOrCheckpointsYieldsEmptyFindingsNotErrors() {
        List<TimelineRow> unanalysed = run().stream()
                .map(r -> row(r.epoch(), r.trainLoss(), r.testLoss(), null, null)).toList();

        DescentFindings f = DescentDetector.detect(unanalysed, DescentSettings.DEFAULTS);
        assertThat(f.phaseSource()).isNull();
        assertThat(f.transitions()).isEmpty();
        assertThat(f.minima()).isNotEmpty().allSatisfy(m -> assertThat(m.nearestTransitionEpoch()).isNull());
        assertThat(f.globalOptimumVsFirstOrderToChaos().atTransition()).isNull();

        DescentFindings empty = DescentDetector.detect(List.of(), DescentSettings.DEFAULTS);
        assertThat(empty.globalOptimumEpoch()).isNull();
        assertThat(empty.overfittingEpoch()).isNull();
        assertThat(empty.minima()).isEmpty();
        assertThat(empty.descentCycles()).isEmpty();
    }

    @Test
    void defaultSmoothingScalesWithTheRunLength() {
        assertThat(DescentDetector.detect(run(), DescentSettings.DEFAULTS).smoothingHalfWidth()).isEqualTo(1);
        assertThat(DescentDetector.detect(run().subList(0, 150), DescentSettings.DEFAULTS).smoothingHalfWidth())
                .isZero();
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new DescentSettings(-1, null, null, null, null))
                .hasMessageContaining("smoothingHalfWidth");
        assertThatThrownBy(() -> new DescentSettings(null, 1.5, null, null, null))
                .hasMessageContaining("prominenceFraction");
        assertThatThrownBy(() -> new DescentSettings(null, null, 0.0, null, null))
                .hasMessageContaining("changePointJump");
        assertThatThrownBy(() -> new DescentSettings(null, null, null, 1.0, null)).hasMessageContaining("spikeRatio");
    }
}
