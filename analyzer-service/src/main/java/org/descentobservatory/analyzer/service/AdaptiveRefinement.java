package org.descentobservatory.analyzer.service;

import org.descentobservatory.schemas.CheckpointEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adaptive refinement of one run's timeline: with stride k &gt; 1 only every k-th checkpoint (epoch 1 and the
 * multiples of k) is analysed as it arrives; the others are held back. Whenever two consecutive analysed epochs
 * a &lt; b get different phases, the held-back epochs between them are bisected: the middle one m is analysed and
 * the half (or halves) whose ends still differ in phase is bisected again, until every phase change lies between
 * two adjacent epochs, both analysed. So each transition is located to the epoch with about log₂ k extra analyses,
 * instead of k − 1. With k = 1 every checkpoint is analysed and nothing is held back.
 *
 * <p>Assumptions, documented in docs/order-chaos.md: checkpoints of a run arrive in epoch order (they share a
 * partition); two transitions within one stride whose phases return to the start (order → chaos → order between
 * two sampled epochs) are not seen. State is in memory: after a restart the held-back epochs of the runs in progress
 * are not refined (their sampled epochs are still analysed). Not thread-safe: one instance per run, used by the
 * run's partition's thread.
 */
public final class AdaptiveRefinement {

    private final int stride;
    /** Held-back checkpoint events by epoch. */
    private final Map<Integer, CheckpointEvent> heldBack = new HashMap<>();
    /** Phase of every analysed epoch. */
    private final TreeMap<Integer, String> phases = new TreeMap<>();

    /** @param stride k ≥ 1 */
    public AdaptiveRefinement(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("The refinement stride must be >= 1, got " + stride);
        }
        this.stride = stride;
    }

    /** Whether {@code epoch} is analysed on arrival: epoch 1 and every multiple of the stride. */
    public boolean sampled(int epoch) {
        return epoch == 1 || epoch % stride == 0;
    }

    /**
     * Handles one arriving checkpoint: a sampled epoch is analysed (by {@code analyse}, which returns its phase, or
     * null if the epoch could not be analysed) and then the bracket it closes with the previous analysed epoch is
     * refined; any other epoch is held back.
     *
     * @return the epochs analysed, in the order they were
     */
    public List<Integer> onCheckpoint(CheckpointEvent event, Function<CheckpointEvent, String> analyse) {
        List<Integer> analysed = new ArrayList<>();
        if (!sampled(event.epoch())) {
            heldBack.put(event.epoch(), event);
            return analysed;
        }
        if (record(event, analyse, analysed)) {
            Integer previous = phases.lowerKey(event.epoch());
            if (previous != null) {
                refine(previous, event.epoch(), analyse, analysed);
            }
        }
        // Every bracket below this epoch is now closed: what it still holds back will never be needed.
        heldBack.keySet().removeIf(epoch -> epoch < event.epoch());
        return analysed;
    }

    /** Bisects [a, b] while its ends differ in phase and an epoch between them is held back. */
    private void refine(int a, int b, Function<CheckpointEvent, String> analyse, List<Integer> analysed) {
        if (Objects.equals(phases.get(a), phases.get(b)) || b - a < 2) {
            return;
        }
        int middle = a + (b - a) / 2;
        CheckpointEvent event = heldBack.get(middle);
        if (event == null) {
            return; // never arrived (or lost with a restart): the transition stays bracketed by [a, b]
        }
        if (record(event, analyse, analysed)) {
            refine(a, middle, analyse, analysed);
            refine(middle, b, analyse, analysed);
        }
    }

    /** Analyses one epoch; false if {@code analyse} could not (returned null), which ends bisection there. */
    private boolean record(CheckpointEvent event, Function<CheckpointEvent, String> analyse, List<Integer> analysed) {
        heldBack.remove(event.epoch());
        String phase = analyse.apply(event);
        if (phase == null) {
            return false;
        }
        phases.put(event.epoch(), phase);
        analysed.add(event.epoch());
        return true;
    }
}
