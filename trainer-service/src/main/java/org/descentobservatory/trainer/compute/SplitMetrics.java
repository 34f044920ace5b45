package org.descentobservatory.trainer.compute;

/**
 * How a network does on one split.
 *
 * @param meanLoss  mean binary cross-entropy (see {@link BinaryCrossEntropy})
 * @param accuracy  share of reviews whose output p is on the label's side of 0.5 (p ≥ 0.5 means positive)
 * @param wrongLoss mean binary cross-entropy over the wrongly classified reviews only (Wei et al., section IV);
 *                  {@code null} when every review is classified correctly
 */
public record SplitMetrics(double meanLoss, double accuracy, Double wrongLoss) {
}
