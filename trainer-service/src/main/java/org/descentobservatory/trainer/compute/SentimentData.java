package org.descentobservatory.trainer.compute;

/** A generated data set: training reviews (some labels flipped) and test reviews (clean labels). */
public record SentimentData(LabelledSequences train, LabelledSequences test) {
}
