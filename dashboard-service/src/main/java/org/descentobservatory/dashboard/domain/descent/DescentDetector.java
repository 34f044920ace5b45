package org.descentobservatory.dashboard.domain.descent;

import org.descentobservatory.dashboard.domain.TimelineRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Descent detection over a run's timeline (rules in docs/dashboard.md): smoothed test loss and its prominent
 * extrema, the overfitting point and the descent cycles after it, the global optimum, phase bands, threshold
 * transitions, D̃ change points, edge windows, training-loss spikes, and the distances between them.
 * Knows nothing of Kafka or HTTP. Cost O(n) apart from the prominence search (O(n·k), see {@link Extrema}):
 * about 10 ms for 10,000 epochs.
 */
public final class DescentDetector {

    public static final String SOURCE_ANALYZER = "analyzer";
    public static final String SOURCE_D_TILDE = "d-tilde";
    public static final String SOURCE_MIXED = "mixed";

    private DescentDetector() {
    }

    /** @param rows the run's timeline by ascending epoch; rows lacking a value are left out of that value's series */
    public static DescentFindings detect(List<TimelineRow> rows, DescentSettings settings) {
        List<TimelineRow> checkpointed = rows.stream().filter(r -> r.testLoss() != null).toList();
        int[] epochs = checkpointed.stream().mapToInt(TimelineRow::epoch).toArray();
        double[] testLoss = checkpointed.stream().mapToDouble(TimelineRow::testLoss).toArray();
        int halfWidth = settings.smoothingHalfWidth() != null ? settings.smoothingHalfWidth()
                : epochs.length / DescentSettings.CHECKPOINTS_PER_HALF_WIDTH;
        double[] smoothed = Smoothing.centredMovingAverage(testLoss, halfWidth);
        double fraction = settings.prominenceFraction() != null ? settings.prominenceFraction()
                : DescentSettings.DEFAULT_PROMINENCE_FRACTION;
        double minProminence = fraction * range(smoothed);

        List<Extremum> minimaFound = Extrema.minima(smoothed, minProminence);
        List<Extremum> maximaFound = Extrema.maxima(smoothed, minProminence);
        Integer globalOptimum = smoothed.length == 0 ? null : epochs[argMin(smoothed)];
        Integer overfitting = minimaFound.isEmpty() ? globalOptimum : Integer.valueOf(epochs[minimaFound.get(0).index()]);

        List<AnalysedEpoch> analysed = rows.stream().filter(r -> r.asymptoticDistance() != null && r.phase() != null)
                .map(r -> new AnalysedEpoch(r.epoch(), r.asymptoticDistance(), Phase.of(r.phase(), r.asymptoticDistance())))
                .filter(a -> a.phase() != null).toList();
        List<Transition> transitions = PhaseDetection.transitions(analysed);
        double jump = settings.changePointJump() != null ? settings.changePointJump()
                : DescentSettings.DEFAULT_CHANGE_POINT_JUMP;
        List<ChangePoint> changePoints = PhaseDetection.changePoints(analysed, jump);
        List<TrainingLossSpike> spikes = spikes(rows,
                settings.spikeRatio() != null ? settings.spikeRatio() : DescentSettings.DEFAULT_SPIKE_RATIO);

        List<LocalMinimum> minima = minimaFound.stream().map(m -> {
            int epoch = epochs[m.index()];
            Integer transition = nearest(transitions, Transition::epoch, epoch);
            Integer changePoint = nearest(changePoints, ChangePoint::epoch, epoch);
            Integer spike = nearest(spikes, TrainingLossSpike::epoch, epoch);
            return new LocalMinimum(epoch, m.value(), m.prominence(), transition, minus(transition, epoch),
                    changePoint, minus(changePoint, epoch), spike, minus(spike, epoch));
        }).toList();
        List<LocalMaximum> maxima = maximaFound.stream()
                .map(m -> new LocalMaximum(epochs[m.index()], m.value(), m.prominence())).toList();

        return new DescentFindings(halfWidth, minProminence, epochs.length, analysed.size(),
                phaseSource(rows), globalOptimum, overfitting, minima, maxima,
                cycles(minimaFound, overfitting, epochs, smoothed), PhaseDetection.bands(analysed), transitions,
                changePoints, PhaseDetection.edgeWindows(analysed), spikes,
                optimumAtTransition(globalOptimum, transitions, analysed, settings.optimumToleranceEpochs()));
    }

    /** Consecutive prominent minima at or after the overfitting point, each pair with the highest point between. */
    private static List<DescentCycle> cycles(List<Extremum> minima, Integer overfitting, int[] epochs, double[] y) {
        List<DescentCycle> cycles = new ArrayList<>();
        for (int k = 0; k + 1 < minima.size(); k++) {
            int start = minima.get(k).index();
            int end = minima.get(k + 1).index();
            if (epochs[start] < overfitting) {
                continue;
            }
            int peak = start;
            for (int i = start; i <= end; i++) {
                if (y[i] > y[peak]) {
                    peak = i;
                }
            }
            cycles.add(new DescentCycle(epochs[start], epochs[peak], epochs[end], y[peak] - y[start],
                    y[peak] - y[end]));
        }
        return cycles;
    }

    private static List<TrainingLossSpike> spikes(List<TimelineRow> rows, double ratio) {
        List<TrainingLossSpike> spikes = new ArrayList<>();
        TimelineRow previous = null;
        for (TimelineRow row : rows) {
            if (row.trainLoss() == null) {
                continue;
            }
            if (previous != null && previous.trainLoss() > 0 && row.trainLoss() >= ratio * previous.trainLoss()) {
                spikes.add(new TrainingLossSpike(row.epoch(), previous.trainLoss(), row.trainLoss()));
            }
            previous = row;
        }
        return spikes;
    }

    private static OptimumAtTransition optimumAtTransition(Integer optimum, List<Transition> transitions,
                                                           List<AnalysedEpoch> analysed, Integer tolerance) {
        int resolvedTolerance = tolerance != null ? tolerance : 2 * medianGap(analysed);
        Integer first = transitions.stream().filter(t -> t.kind().equals(Transition.ORDER_TO_CHAOS))
                .map(Transition::epoch).findFirst().orElse(null);
        Integer apart = optimum == null ? null : minus(first, optimum);
        return new OptimumAtTransition(optimum, first, apart, resolvedTolerance,
                apart == null ? null : Math.abs(apart) <= resolvedTolerance);
    }

    private static String phaseSource(List<TimelineRow> rows) {
        long labelled = rows.stream().filter(r -> Boolean.TRUE.equals(r.phaseLabelledByAnalyzer())).count();
        long unlabelled = rows.stream().filter(r -> Boolean.FALSE.equals(r.phaseLabelledByAnalyzer())).count();
        if (labelled + unlabelled == 0) {
            return null;
        }
        return unlabelled == 0 ? SOURCE_ANALYZER : labelled == 0 ? SOURCE_D_TILDE : SOURCE_MIXED;
    }

    /** Median gap between consecutive analysed epochs; 1 with fewer than two. */
    private static int medianGap(List<AnalysedEpoch> analysed) {
        if (analysed.size() < 2) {
            return 1;
        }
        int[] gaps = new int[analysed.size() - 1];
        for (int i = 1; i < analysed.size(); i++) {
            gaps[i - 1] = analysed.get(i).epoch() - analysed.get(i - 1).epoch();
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** The epoch of the event nearest to {@code epoch} (the earlier one on a tie); null when there is none. */
    private static <T> Integer nearest(List<T> events, ToIntFunction<T> epochOf, int epoch) {
        Integer best = null;
        for (T event : events) {
            int candidate = epochOf.applyAsInt(event);
            if (best == null || Math.abs(candidate - epoch) < Math.abs(best - epoch)) {
                best = candidate;
            }
        }
        return best;
    }

    private static Integer minus(Integer a, int b) {
        return a == null ? null : a - b;
    }

    private static int argMin(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] < y[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double range(double[] y) {
        return y.length == 0 ? 0 : Arrays.stream(y).max().getAsDouble() - Arrays.stream(y).min().getAsDouble();
    }
}
