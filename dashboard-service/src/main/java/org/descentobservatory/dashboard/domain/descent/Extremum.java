package org.descentobservatory.dashboard.domain.descent;

/**
 * A local minimum or maximum of a series.
 *
 * @param index      position in the series
 * @param value      the series' value there
 * @param prominence how far the value stands out from its surroundings (see {@link Extrema})
 */
public record Extremum(int index, double value, double prominence) {
}
