package org.descentobservatory.trainer.compute;

import org.descentobservatory.schemas.RunSpec;

/** Small specs and tolerances shared by the compute tests. */
final class TestSpecs {

    /** Float32 arithmetic against double hand computations. */
    static final double FLOAT_TOLERANCE = 1e-6;
    /** Double arithmetic against hand computations. */
    static final double DOUBLE_TOLERANCE = 1e-12;

    private TestSpecs() {
    }

    /** A network small enough to build and run in milliseconds: LSTM, front padding, Keras' ε, no clipping. */
    static RunSpec tiny(long seed) {
        return new RunSpec(RunSpec.SYNTHETIC_SENTIMENT, 64, 4, 5, 12, 40, 300, 0.2, 1e-3, 8, 2, seed, 10,
                RunSpec.LSTM, RunSpec.PADDING_PRE, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null, null, null, null);
    }

    /** {@code base} with another architecture, padding side, Adam ε and gradient clipping. */
    static RunSpec variant(RunSpec base, String architecture, String paddingSide, double adamEpsilon,
                           Double gradientClipping) {
        return new RunSpec(base.task(), base.vocabularySize(), base.embeddingSize(), base.hiddenSize(),
                base.sequenceLength(), base.trainSize(), base.testSize(), base.labelNoise(), base.learningRate(),
                base.batchSize(), base.epochs(), base.seed(), base.probeCount(), architecture, paddingSide,
                adamEpsilon, gradientClipping, base.optimizer(), base.checkpointInterval(), base.trainFraction(),
                base.datasetSource(), base.datasetSha256(), base.samplingStep());
    }
}
