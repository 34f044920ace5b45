package org.descentobservatory.trainer.domain;

/**
 * The measurements of one finished epoch, as published in its checkpoint event; {@code testAccuracy} is null for a
 * forecasting task.
 */
public record EpochSummary(int epoch, double trainLoss, double testLoss, Double testAccuracy, long wallTimeMs) {
}
