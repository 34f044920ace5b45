package org.descentobservatory.trainer.compute;

/**
 * How a network does on one split.
 *
 * @param meanLoss  mean binary cross-entropy (see {@link BinaryCrossEntropy}), or for a forecasting task the mean
 *                  squared error
 * @param accuracy  share of reviews whose output p is on the label's side of 0.5 (p ≥ 0.5 means positive); {@code null}
 *                  for a forecasting task
 * @param wrongLoss mean binary cross-entropy over the wrongly classified reviews only (Wei et al., section IV);
 *                  {@code null} when every review is classified correctly, and for a forecasting task
 */
public record SplitMetrics(double meanLoss, Double accuracy, Double wrongLoss) {
}
