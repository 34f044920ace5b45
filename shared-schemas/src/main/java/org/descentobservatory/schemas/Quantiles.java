package org.descentobservatory.schemas;

/**
 * Seven-number summary of a distribution (nearest-rank quantiles), as carried in events.
 *
 * @param min    smallest value
 * @param q05    5th percentile
 * @param q25    first quartile
 * @param median median
 * @param q75    third quartile
 * @param q95    95th percentile
 * @param max    largest value
 */
public record Quantiles(double min, double q05, double q25, double median, double q75, double q95, double max) {
}
