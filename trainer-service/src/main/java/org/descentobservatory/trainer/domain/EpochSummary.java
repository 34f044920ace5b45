package org.descentobservatory.trainer.domain;

/** The measurements of one finished epoch, as published in its checkpoint event. */
public record EpochSummary(int epoch, double trainLoss, double testLoss, double testAccuracy, long wallTimeMs) {
}
