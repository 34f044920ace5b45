package org.descentobservatory.dashboard.domain.descent;

/**
 * One ascent-then-descent of the smoothed test loss after the overfitting point: from a local minimum up to the
 * highest point before the next local minimum and down to it.
 *
 * @param startEpoch the minimum it starts from
 * @param peakEpoch  the highest smoothed test loss between the two minima
 * @param endEpoch   the minimum it ends in
 * @param ascent     smoothed loss at the peak − at the start
 * @param descent    smoothed loss at the peak − at the end
 */
public record DescentCycle(int startEpoch, int peakEpoch, int endEpoch, double ascent, double descent) {
}
