package org.descentobservatory.analyzer.service;

import org.descentobservatory.schemas.CheckpointEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Adaptive refinement of one run's timeline: with stride k &gt; 1 only every k-th checkpoint (epoch 1 and the
 * multiples of k) is analysed as it arrives; the others are skipped. Whenever two consecutive analysed epochs
 * a &lt; b get different phases, the skipped epochs between them are bisected: the middle one m is analysed and the
 * half (or halves) whose ends still differ in phase is bisected again, until every phase change lies between two
 * adjacent epochs, both analysed. So each transition is located to the epoch with about log₂ k extra analyses,
 * instead of k − 1. With k = 1 every delivery of every checkpoint is analysed and no state is kept.
 *
 * <p>Crash-safe: the only state is the phase of every analysed epoch, which is also on the analyses topic, and the
 * caller builds an instance from what is published there ({@link PublishedPhases}) when it first sees a run. A
 * skipped epoch is not held in memory but analysed from its stored checkpoint event when a bisection needs it. The
 * bracket a sampled epoch b closes is refined before b's record is acknowledged, so after a crash mid-refinement b's
 * record comes again: b, already published, is not analysed again, and the bisection resumes where it stopped. Nothing
 * is analysed twice, no pending refinement is lost (nor is a checkpoint event the trainer published twice analysed
 * twice).
 *
 * <p>Assumptions, documented in docs/order-chaos.md: checkpoints of a run arrive in epoch order (they share a
 * partition); two transitions within one stride whose phases return to the start (order → chaos → order between
 * two sampled epochs) are not seen; a sampled epoch that could not be analysed on arrival is not retried by a
 * bisection. Not thread-safe: one instance per run, used by the run's partition's thread.
 */
public final class AdaptiveRefinement {

    private final int stride;
    /** Phase of every analysed epoch. */
    private final TreeMap<Integer, String> phases;

    /**
     * @param stride    k ≥ 1
     * @param published the phase of every epoch of the run whose analysis is already published
     */
    public AdaptiveRefinement(int stride, Map<Integer, String> published) {
        if (stride < 1) {
            throw new IllegalArgumentException("The refinement stride must be >= 1, got " + stride);
        }
        this.stride = stride;
        this.phases = new TreeMap<>(published);
    }

    /** Whether {@code epoch} is analysed on arrival: epoch 1 and every multiple of the stride. */
    public boolean sampled(int epoch) {
        return epoch == 1 || epoch % stride == 0;
    }

    /**
     * Handles one arriving checkpoint: a sampled epoch is analysed by {@code analyse} (which returns its phase or
     * throws) unless its analysis is published already, and then every bracket between the previous sampled epoch
     * and it is refined, skipped epochs being analysed by {@code analyseSkipped} (epoch → its phase, or null if it
     * cannot be analysed, which ends bisection there); any other epoch is skipped.
     *
     * @return the epochs analysed, in the order they were
     */
    public List<Integer> onCheckpoint(CheckpointEvent event, Function<CheckpointEvent, String> analyse,
                                      IntFunction<String> analyseSkipped) {
        int epoch = event.epoch();
        if (stride == 1) {
            analyse.apply(event); // every delivery, as without refinement: nothing is skipped, nothing to refine
            return List.of(epoch);
        }
        List<Integer> analysed = new ArrayList<>();
        if (!sampled(epoch)) {
            return analysed;
        }
        if (!phases.containsKey(epoch)) {
            phases.put(epoch, Objects.requireNonNull(analyse.apply(event), "phase"));
            analysed.add(epoch);
        }
        // Every bracket since the previous sampled epoch: after a restart, one may be bisected half-way already.
        Integer from = phases.floorKey(epoch <= stride ? 1 : epoch - stride);
        if (from != null) {
            List<Integer> ends = new ArrayList<>(phases.subMap(from, true, epoch, true).keySet());
            for (int i = 0; i + 1 < ends.size(); i++) {
                refine(ends.get(i), ends.get(i + 1), analyseSkipped, analysed);
            }
        }
        return analysed;
    }

    /** Bisects [a, b] while its ends differ in phase and a skipped epoch lies between them. */
    private void refine(int a, int b, IntFunction<String> analyseSkipped, List<Integer> analysed) {
        if (Objects.equals(phases.get(a), phases.get(b)) || b - a < 2) {
            return;
        }
        int middle = a + (b - a) / 2;
        if (!phases.containsKey(middle)) {
            String phase = sampled(middle) ? null : analyseSkipped.apply(middle);
            if (phase == null) {
                return; // the transition stays bracketed by [a, b]
            }
            phases.put(middle, phase);
            analysed.add(middle);
        }
        refine(a, middle, analyseSkipped, analysed);
        refine(middle, b, analyseSkipped, analysed);
    }
}
