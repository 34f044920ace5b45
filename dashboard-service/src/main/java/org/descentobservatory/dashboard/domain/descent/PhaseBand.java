package org.descentobservatory.dashboard.domain.descent;

/**
 * Consecutive analysed epochs in one phase: the shaded bands of the chart.
 *
 * @param phase     order, edge or chaos
 * @param fromEpoch first analysed epoch of the band
 * @param toEpoch   last analysed epoch of the band
 */
public record PhaseBand(String phase, int fromEpoch, int toEpoch) {
}
