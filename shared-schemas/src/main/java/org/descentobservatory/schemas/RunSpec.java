package org.descentobservatory.schemas;

/**
 * Everything needed to reproduce a training run. Its JSON form is validated by
 * {@code schemas/run-spec.v1.schema.json}, which also holds the documented ranges.
 *
 * @param task            the data set; {@code synthetic-sentiment} is generated offline from {@code seed}
 * @param vocabularySize  number of distinct tokens, including the padding token 0
 * @param embeddingSize   width of the embedding layer (paper: 32)
 * @param hiddenSize      LSTM units H (paper: 60)
 * @param sequenceLength  tokens per review after front padding or truncation (paper: 500)
 * @param trainSize       training reviews
 * @param testSize        test reviews
 * @param labelNoise      share of training labels flipped, so the network can overfit
 * @param learningRate    Adam learning rate (paper: 5e-4)
 * @param batchSize       minibatch size (paper: 32)
 * @param epochs          epochs to train; a checkpoint is stored after each
 * @param seed            seeds the data, the initial weights and the data order
 * @param probeCount      test reviews stored once per run as the analyzer's probe set (paper: 500)
 */
public record RunSpec(
        String task,
        int vocabularySize,
        int embeddingSize,
        int hiddenSize,
        int sequenceLength,
        int trainSize,
        int testSize,
        double labelNoise,
        double learningRate,
        int batchSize,
        int epochs,
        long seed,
        int probeCount) {

    /** The offline synthetic sentiment task. */
    public static final String SYNTHETIC_SENTIMENT = "synthetic-sentiment";
}
