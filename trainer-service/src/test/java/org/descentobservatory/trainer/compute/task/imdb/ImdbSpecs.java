package org.descentobservatory.trainer.compute.task.imdb;

import org.descentobservatory.schemas.RunSpec;

/** IMDb specs for the loader tests: a tiny network, no label noise unless asked. */
final class ImdbSpecs {

    private ImdbSpecs() {
    }

    static RunSpec spec(String source, String sha256, Double trainFraction, int trainSize, int testSize,
                        int vocabularySize, int sequenceLength, String paddingSide, double labelNoise, long seed) {
        return new RunSpec(RunSpec.IMDB, vocabularySize, 4, 5, sequenceLength, trainSize, testSize, labelNoise, 1e-3,
                4, 1, seed, 2, RunSpec.LSTM, paddingSide, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1,
                trainFraction, source, sha256, null);
    }

    /** The corpus' own folders, every review, a vocabulary large enough for every word, no truncation. */
    static RunSpec ownSplit(String source, String sha256) {
        return spec(source, sha256, null, 2 * AclImdbSample.PER_FOLDER, 2 * AclImdbSample.PER_FOLDER, 1000, 64,
                RunSpec.PADDING_PRE, 0.0, 7);
    }
}
