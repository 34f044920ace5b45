package org.descentobservatory.analyzer.service;

import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObjectKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AdaptiveRefinement} on synthetic phase timelines whose transitions are known: every transition must end up
 * between two adjacent analysed epochs, with far fewer analyses than epochs.
 */
class AdaptiveRefinementTest {

    private static final int EPOCHS = 100;

    @Test
    void everyTransitionIsLocatedToTheEpochWithLogarithmicallyManyExtraAnalyses() {
        // order up to 37, edge 38–40, chaos 41–77, order from 78: transitions after 37, 40 and 77.
        IntFunction<String> truth = epoch -> epoch <= 37 ? "order" : epoch <= 40 ? "edge" : epoch <= 77 ? "chaos"
                : "order";
        AdaptiveRefinement refinement = new AdaptiveRefinement(10);
        List<Integer> analysed = new ArrayList<>();

        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            analysed.addAll(refinement.onCheckpoint(event(epoch), e -> truth.apply(e.epoch())));
        }

        for (int transition : new int[]{37, 40, 77}) {
            assertThat(analysed).as("both sides of the transition after epoch %d", transition)
                    .contains(transition, transition + 1);
        }
        assertThat(analysed).doesNotHaveDuplicates().contains(1, 10, 20, 50, 100);
        // 11 sampled epochs plus at most ⌈log₂ 10⌉ = 4 per transition side, far below 100.
        assertThat(analysed.size()).isLessThanOrEqualTo(11 + 3 * 2 * 4);
        // Epochs are analysed only when their bracket is decided, never before the sampled epoch closing it.
        assertThat(analysed.indexOf(38)).isGreaterThan(analysed.indexOf(40));
    }

    @Test
    void aConstantPhaseAnalysesOnlyTheSampledEpochsAndStrideOneAnalysesAll() {
        List<Integer> sampledOnly = new ArrayList<>();
        AdaptiveRefinement byTen = new AdaptiveRefinement(10);
        List<Integer> all = new ArrayList<>();
        AdaptiveRefinement everyEpoch = new AdaptiveRefinement(1);
        for (int epoch = 1; epoch <= 30; epoch++) {
            sampledOnly.addAll(byTen.onCheckpoint(event(epoch), e -> "order"));
            int phaseFlip = epoch;
            all.addAll(everyEpoch.onCheckpoint(event(epoch), e -> phaseFlip % 2 == 0 ? "order" : "chaos"));
        }
        assertThat(sampledOnly).containsExactly(1, 10, 20, 30);
        assertThat(all).hasSize(30);
    }

    @Test
    void anEpochThatCannotBeAnalysedEndsTheBisectionThereAndABadStrideIsRefused() {
        AdaptiveRefinement refinement = new AdaptiveRefinement(8);
        List<Integer> analysed = new ArrayList<>();
        for (int epoch = 1; epoch <= 8; epoch++) {
            // 4 (the first middle of [1, 8]) fails; the transition after 5 stays bracketed by [1, 8].
            analysed.addAll(refinement.onCheckpoint(event(epoch),
                    e -> e.epoch() == 4 ? null : e.epoch() <= 5 ? "order" : "chaos"));
        }
        assertThat(analysed).containsExactly(1, 8);
        assertThatThrownBy(() -> new AdaptiveRefinement(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CheckpointEvent event(int epoch) {
        return CheckpointEvent.of("refine", epoch, 0.5, 0.6, 0.7, 0.9, 0.5, 0.8, 0.2, 0.4, Map.of("1_RW", 3.0),
                ObjectKeys.checkpoint("refine", epoch), "0".repeat(64), 1, 1000, Instant.now());
    }
}
