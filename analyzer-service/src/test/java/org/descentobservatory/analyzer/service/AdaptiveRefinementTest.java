package org.descentobservatory.analyzer.service;

import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObjectKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AdaptiveRefinement} on synthetic phase timelines whose transitions are known: every transition must end up
 * between two adjacent analysed epochs, with far fewer analyses than epochs, also when the process dies mid-bisection
 * and a new instance resumes from what was published.
 */
class AdaptiveRefinementTest {

    private static final int EPOCHS = 100;
    /** order up to 37, edge 38–40, chaos 41–77, order from 78: transitions after 37, 40 and 77. */
    private static final IntFunction<String> TRUTH = epoch -> epoch <= 37 ? "order" : epoch <= 40 ? "edge"
            : epoch <= 77 ? "chaos" : "order";

    @Test
    void everyTransitionIsLocatedToTheEpochWithLogarithmicallyManyExtraAnalyses() {
        AdaptiveRefinement refinement = new AdaptiveRefinement(10, Map.of());
        List<Integer> analysed = new ArrayList<>();

        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            analysed.addAll(refinement.onCheckpoint(event(epoch), e -> TRUTH.apply(e.epoch()), TRUTH));
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
        AdaptiveRefinement byTen = new AdaptiveRefinement(10, Map.of());
        List<Integer> all = new ArrayList<>();
        AdaptiveRefinement everyEpoch = new AdaptiveRefinement(1, Map.of());
        IntFunction<String> flipping = epoch -> epoch % 2 == 0 ? "order" : "chaos";
        for (int epoch = 1; epoch <= 30; epoch++) {
            sampledOnly.addAll(byTen.onCheckpoint(event(epoch), e -> "order", e -> "order"));
            all.addAll(everyEpoch.onCheckpoint(event(epoch), e -> flipping.apply(e.epoch()), flipping));
        }
        assertThat(sampledOnly).containsExactly(1, 10, 20, 30);
        assertThat(all).hasSize(30);
        // Stride 1 is delivery as without refinement: a redelivered checkpoint is analysed again.
        assertThat(everyEpoch.onCheckpoint(event(30), e -> "order", flipping)).containsExactly(30);
    }

    @Test
    void anEpochThatCannotBeAnalysedEndsTheBisectionThereAndABadStrideIsRefused() {
        AdaptiveRefinement refinement = new AdaptiveRefinement(8, Map.of());
        List<Integer> analysed = new ArrayList<>();
        IntFunction<String> truth = epoch -> epoch <= 5 ? "order" : "chaos";
        for (int epoch = 1; epoch <= 8; epoch++) {
            // 4 (the first middle of [1, 8]) fails; the transition after 5 stays bracketed by [1, 8].
            analysed.addAll(refinement.onCheckpoint(event(epoch), e -> truth.apply(e.epoch()),
                    epoch2 -> epoch2 == 4 ? null : truth.apply(epoch2)));
        }
        assertThat(analysed).containsExactly(1, 8);
        assertThatThrownBy(() -> new AdaptiveRefinement(0, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProcessDyingMidBisectionIsResumedFromWhatWasPublishedWithoutAnalysingAnEpochTwice() {
        // What the analyses topic holds: every phase published, in order, by either process.
        Map<Integer, String> published = new LinkedHashMap<>();
        List<Integer> analysed = new ArrayList<>();
        Function<CheckpointEvent, String> analyse = e -> publish(e.epoch(), published, analysed);
        AdaptiveRefinement first = new AdaptiveRefinement(10, Map.of());
        int dieAfter = 2; // the first process dies after publishing two bisection analyses of [30, 40]
        int[] bisections = {0};
        IntFunction<String> dying = epoch -> {
            if (bisections[0]++ == dieAfter) {
                throw new IllegalStateException("kill -9");
            }
            return publish(epoch, published, analysed);
        };
        int crashedAt = 0;
        for (int epoch = 1; epoch <= EPOCHS && crashedAt == 0; epoch++) {
            try {
                first.onCheckpoint(event(epoch), analyse, epoch <= 30 ? e -> publish(e, published, analysed)
                        : dying);
            } catch (IllegalStateException e) {
                crashedAt = epoch; // its record was not acknowledged: it comes again
            }
        }
        assertThat(crashedAt).isEqualTo(40);
        assertThat(published).containsKeys(35, 37).doesNotContainKeys(38, 39);

        AdaptiveRefinement restarted = new AdaptiveRefinement(10, Map.copyOf(published));
        for (int epoch = crashedAt; epoch <= EPOCHS; epoch++) {
            restarted.onCheckpoint(event(epoch), analyse, e -> publish(e, published, analysed));
        }

        assertThat(analysed).doesNotHaveDuplicates();
        for (int transition : new int[]{37, 40, 77}) {
            assertThat(published).as("both sides of the transition after epoch %d", transition)
                    .containsKeys(transition, transition + 1);
        }
    }

    private static String publish(int epoch, Map<Integer, String> published, List<Integer> analysed) {
        analysed.add(epoch);
        published.put(epoch, TRUTH.apply(epoch));
        return TRUTH.apply(epoch);
    }

    private static CheckpointEvent event(int epoch) {
        return CheckpointEvent.of("refine", epoch, 0.5, 0.6, 0.7, 0.9, 0.5, 0.8, 0.2, 0.4, Map.of("1_RW", 3.0),
                ObjectKeys.checkpoint("refine", epoch), "0".repeat(64), 1, 1000, Instant.now());
    }
}
