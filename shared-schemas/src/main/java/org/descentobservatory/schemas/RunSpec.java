package org.descentobservatory.schemas;

/**
 * Everything needed to reproduce a training run. Its JSON form is validated by
 * {@code schemas/run-spec.v1.schema.json}, which also holds the documented ranges.
 *
 * <p>Sentiment tasks ({@value #SYNTHETIC_SENTIMENT}, {@value #IMDB}) classify token sequences; the forecasting task
 * {@value #LORENZ63} predicts the next state of a Lorenz-63 trajectory. A field that a task does not use is named as
 * such in its description ("sentiment only", "{@value #IMDB} only", …); fields marked "only" must be null elsewhere.
 *
 * @param task            the data set: {@value #SYNTHETIC_SENTIMENT} (generated offline from {@code seed}),
 *                        {@value #IMDB} (the aclImdb reviews at {@code datasetSource}) or {@value #LORENZ63}
 *                        (a trajectory integrated from a seeded initial state)
 * @param vocabularySize  sentiment only: distinct tokens, including the padding token 0 (and, for {@value #IMDB}, the
 *                        out-of-vocabulary token 1)
 * @param embeddingSize   sentiment only: width of the embedding layer (paper: 32)
 * @param hiddenSize      recurrent units H (paper: 60)
 * @param sequenceLength  sentiment: tokens per review after padding or truncation (paper: 500); {@value #LORENZ63}:
 *                        steps per training window
 * @param trainSize       training reviews ({@value #IMDB}: the first ones of the shuffled train split) or windows
 * @param testSize        test reviews ({@value #IMDB}: the first ones of the shuffled test split) or windows
 * @param labelNoise      sentiment only: share of training labels flipped, so the network can overfit
 * @param learningRate    the optimizer's learning rate (paper: Adam, 5e-4)
 * @param batchSize       minibatch size (paper: 32)
 * @param epochs          epochs to train
 * @param seed            seeds the data, the initial weights and the data order
 * @param probeCount      test reviews (or windows) stored once per run as the analyzer's probe set (paper: 500)
 * @param architecture    the recurrent layer: {@value #LSTM} (the paper's) or {@value #SIMPLE_RNN} (vanilla tanh RNN,
 *                        h' = tanh(x·W + h·RW + b))
 * @param paddingSide     sentiment: where a short review is padded with token 0: {@value #PADDING_PRE} (in front, the
 *                        paper's Keras default, so the network reads the padding first and the words last) or
 *                        {@value #PADDING_POST} (after the words); no masks either way. A long {@value #IMDB} review is
 *                        truncated at the front whatever the side (Keras' default {@code truncating="pre"}: its last
 *                        {@code sequenceLength} tokens are kept)
 * @param adamEpsilon     Adam's ε (paper: Keras' default 1e-7; Deeplearning4j's own default would be 1e-8); used by
 *                        {@value #ADAM} only
 * @param gradientClipping null for no clipping, else the L2-norm threshold each parameter's gradient (W, RW, b of
 *                        every layer separately, Deeplearning4j {@code ClipL2PerParamType}, as Keras' {@code clipnorm})
 *                        is scaled down to when it is longer
 * @param optimizer       {@value #ADAM} (the paper's; β₁ = 0.9, β₂ = 0.999, {@code adamEpsilon}), {@value #SGD} (plain
 *                        gradient descent, no momentum) or {@value #RMSPROP} (Keras' defaults ρ = 0.9, ε = 1e-7)
 * @param checkpointInterval k: a checkpoint (and its event) is stored after every k-th epoch and after the last one
 * @param trainFraction   {@value #IMDB} only: null to keep the corpus' own train/test folders (25,000 each); else the
 *                        share of the pooled 50,000 reviews that is the train split (paper: 0.7), the pool shuffled
 *                        with {@code seed}
 * @param datasetSource   {@value #IMDB} only, required: an {@code aclImdb} folder or its {@code .tar.gz}, as a path
 *                        relative to the trainer's data folder (or absolute inside it), or an http(s) URL of the
 *                        archive
 * @param datasetSha256   {@value #IMDB} only: the archive's lowercase hex SHA-256; required for a URL, optional for a
 *                        local archive, null for a folder
 * @param samplingStep    {@value #LORENZ63} only, required: dt, the time between two samples of the trajectory (and
 *                        the Runge–Kutta step)
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
        Double gradientClipping,
        String optimizer,
        int checkpointInterval,
        Double trainFraction,
        String datasetSource,
        String datasetSha256,
        Double samplingStep) {

    /** The offline synthetic sentiment task. */
    public static final String SYNTHETIC_SENTIMENT = "synthetic-sentiment";
    /** The IMDb movie reviews (Maas et al. 2011, the {@code aclImdb} layout), the paper's task. */
    public static final String IMDB = "imdb";
    /** Forecasting the next state of a Lorenz-63 trajectory. */
    public static final String LORENZ63 = "lorenz63";
    /** Optimizer: Adam, the paper's. */
    public static final String ADAM = "adam";
    /** Optimizer: plain stochastic gradient descent. */
    public static final String SGD = "sgd";
    /** Optimizer: RMSProp. */
    public static final String RMSPROP = "rmsprop";
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
