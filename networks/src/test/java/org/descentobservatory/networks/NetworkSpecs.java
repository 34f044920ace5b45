package org.descentobservatory.networks;

import org.descentobservatory.schemas.RunSpec;

/**
 * Small run specs whose networks ({@link SentimentNetworkFactory}, {@link ForecastNetworkFactory}) build and run in
 * milliseconds. Shipped in this module's test-jar: the trainer's, the analyzer's and the end-to-end tests build the
 * trainer's networks from them, so that all of them test the one architecture the trainer trains.
 */
public final class NetworkSpecs {

    private NetworkSpecs() {
    }

    /**
     * A synthetic-sentiment run of a tiny classifier: V = 64, E = 4, H = 5, reviews of 12 tokens; LSTM, front
     * padding, Adam with Keras' ε, no clipping.
     */
    public static RunSpec tiny(long seed) {
        return new RunSpec(RunSpec.SYNTHETIC_SENTIMENT, 64, 4, 5, 12, 40, 300, 0.2, 1e-3, 8, 2, seed, 10,
                RunSpec.LSTM, RunSpec.PADDING_PRE, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null, null, null,
                null);
    }

    /** A Lorenz-63 run of a tiny forecaster: H = 8, windows of 20 steps sampled every 0.05; LSTM, Adam. */
    public static RunSpec forecaster(long seed) {
        return new RunSpec(RunSpec.LORENZ63, 64, 1, 8, 20, 30, 10, 0.0, 1e-3, 16, 1, seed, 5, RunSpec.LSTM,
                RunSpec.PADDING_PRE, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null, null, null, 0.05);
    }

    /** {@code base} with another architecture ({@value RunSpec#LSTM} or {@value RunSpec#SIMPLE_RNN}). */
    public static RunSpec withArchitecture(RunSpec base, String architecture) {
        return variant(base, architecture, base.paddingSide(), base.adamEpsilon(), base.gradientClipping());
    }

    /** {@code base} with another architecture, padding side, Adam ε and gradient clipping. */
    public static RunSpec variant(RunSpec base, String architecture, String paddingSide, double adamEpsilon,
                                  Double gradientClipping) {
        return new RunSpec(base.task(), base.vocabularySize(), base.embeddingSize(), base.hiddenSize(),
                base.sequenceLength(), base.trainSize(), base.testSize(), base.labelNoise(), base.learningRate(),
                base.batchSize(), base.epochs(), base.seed(), base.probeCount(), architecture, paddingSide,
                adamEpsilon, gradientClipping, base.optimizer(), base.checkpointInterval(), base.trainFraction(),
                base.datasetSource(), base.datasetSha256(), base.samplingStep());
    }
}
