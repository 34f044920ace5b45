package org.descentobservatory.dashboard.domain.descent;

/**
 * A local maximum of the smoothed test loss.
 *
 * @param epoch            its epoch
 * @param smoothedTestLoss smoothed test loss there
 * @param prominence       its prominence on the smoothed curve
 */
public record LocalMaximum(int epoch, double smoothedTestLoss, double prominence) {
}
