package org.descentobservatory.dashboard.domain.descent;

/**
 * A maximal run of consecutive analysed epochs labelled edge.
 *
 * @param fromEpoch first edge epoch
 * @param toEpoch   last edge epoch
 * @param width     toEpoch − fromEpoch + 1: the span in epochs (one edge epoch is 1 wide)
 */
public record EdgeWindow(int fromEpoch, int toEpoch, int width) {
}
