package org.descentobservatory.dashboard.domain;

/**
 * A timeline row with the run version at which it last changed: equal stamps mean an equal row, so a serialised
 * form of the row can be reused.
 */
public record StampedRow(TimelineRow row, long stamp) {
}
