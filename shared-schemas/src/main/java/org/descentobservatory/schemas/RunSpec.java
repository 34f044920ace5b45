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
 * @param architecture    the recurrent layer: {@value #LSTM} (the paper's) or {@value #SIMPLE_RNN} (vanilla tanh RNN,
 *                        h' = tanh(x·W + h·RW + b))
 * @param paddingSide     where a short review is padded with token 0: {@value #PADDING_PRE} (in front, the paper's
 *                        Keras default, so the network reads the padding first and the words last) or
 *                        {@value #PADDING_POST} (after the words); no masks either way
 * @param adamEpsilon     Adam's ε (paper: Keras' default 1e-7; Deeplearning4j's own default would be 1e-8)
 * @param gradientClipping null for no clipping, else the L2-norm threshold each parameter's gradient (W, RW, b of
 *                        every layer separately, Deeplearning4j {@code ClipL2PerParamType}, as Keras' {@code clipnorm})
 *                        is scaled down to when it is longer
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
        int probeCount,
        String architecture,
        String paddingSide,
        double adamEpsilon,
        Double gradientClipping) {

    /** The offline synthetic sentiment task. */
    public static final String SYNTHETIC_SENTIMENT = "synthetic-sentiment";
    /** Architecture: the paper's LSTM. */
    public static final String LSTM = "lstm";
    /** Architecture: Deeplearning4j's vanilla {@code SimpleRnn} with tanh. */
    public static final String SIMPLE_RNN = "simple-rnn";
    /** Padding side: token 0 before the words (the paper's Keras {@code pad_sequences} default). */
    public static final String PADDING_PRE = "pre";
    /** Padding side: token 0 after the words. */
    public static final String PADDING_POST = "post";
    /** Adam's ε in Keras, which the paper used. */
    public static final double KERAS_ADAM_EPSILON = 1e-7;
}
