package org.descentobservatory.dashboard.domain.descent;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase bands, transitions, D̃ change points and edge windows of a run's analysed epochs. Plain arithmetic over the
 * analysed epochs in ascending order; O(n).
 */
public final class PhaseDetection {

    private PhaseDetection() {
    }

    /** Maximal runs of consecutive analysed epochs with the same phase. */
    public static List<PhaseBand> bands(List<AnalysedEpoch> analysed) {
        List<PhaseBand> bands = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= analysed.size(); i++) {
            if (i == analysed.size() || analysed.get(i).phase() != analysed.get(start).phase()) {
                if (start < i) {
                    bands.add(new PhaseBand(analysed.get(start).phase().label(), analysed.get(start).epoch(),
                            analysed.get(i - 1).epoch()));
                }
                start = i;
            }
        }
        return bands;
    }

    /**
     * Threshold crossings between order and chaos. An edge stretch between two different phases belongs to the
     * transition, which is dated at its first edge epoch; an edge stretch that returns to the phase it left (order →
     * edge → order) is no transition. Edge epochs before the first order or chaos epoch are ignored.
     */
    public static List<Transition> transitions(List<AnalysedEpoch> analysed) {
        List<Transition> transitions = new ArrayList<>();
        Phase settled = null;
        Integer leftAt = null;
        for (AnalysedEpoch epoch : analysed) {
            if (epoch.phase() == Phase.EDGE) {
                if (settled != null && leftAt == null) {
                    leftAt = epoch.epoch();
                }
                continue;
            }
            if (settled != null && epoch.phase() != settled) {
                transitions.add(new Transition(leftAt == null ? epoch.epoch() : leftAt, settled.label(),
                        epoch.phase().label()));
            }
            settled = epoch.phase();
            leftAt = null;
        }
        return transitions;
    }

    /**
     * Change points of D̃: steps between consecutive analysed epochs where D̃ moves by at least {@code minJump}.
     * Consecutive qualifying steps in the same direction form one change point (a fall spread over two analyses is
     * one event). A fixed threshold misses transitions where D̃ falls by several units but stays above it
     * (science.md, first probe: −8.4 → −12.6); this does not.
     */
    public static List<ChangePoint> changePoints(List<AnalysedEpoch> analysed, double minJump) {
        List<ChangePoint> points = new ArrayList<>();
        ChangePoint open = null;
        for (int i = 1; i < analysed.size(); i++) {
            double step = analysed.get(i).asymptoticDistance() - analysed.get(i - 1).asymptoticDistance();
            String direction = step > 0 ? ChangePoint.RISE : ChangePoint.FALL;
            if (Math.abs(step) >= minJump) {
                if (open != null && open.direction().equals(direction)) {
                    open = new ChangePoint(open.epoch(), open.previousEpoch(), open.delta() + step, direction);
                } else {
                    if (open != null) {
                        points.add(open);
                    }
                    open = new ChangePoint(analysed.get(i).epoch(), analysed.get(i - 1).epoch(), step, direction);
                }
            } else if (open != null) {
                points.add(open);
                open = null;
            }
        }
        if (open != null) {
            points.add(open);
        }
        return points;
    }

    /** Maximal runs of consecutive analysed epochs labelled edge. */
    public static List<EdgeWindow> edgeWindows(List<AnalysedEpoch> analysed) {
        return bands(analysed).stream().filter(band -> band.phase().equals(Phase.EDGE.label()))
                .map(band -> new EdgeWindow(band.fromEpoch(), band.toEpoch(), band.toEpoch() - band.fromEpoch() + 1))
                .toList();
    }
}
