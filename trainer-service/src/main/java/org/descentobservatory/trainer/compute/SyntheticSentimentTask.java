package org.descentobservatory.trainer.compute;

import org.descentobservatory.schemas.RunSpec;

import java.util.SplittableRandom;

/**
 * The offline sentiment task the default run trains on, a stand-in for IMDb that a 2-core CPU can overtrain
 * (the project's "second probe", see shared/notes/science.md).
 *
 * <p>Vocabulary layout: token 0 pads; tokens {@code [1, 26)} are positive and {@code [26, 51)} negative lexicon
 * tokens; tokens {@code [51, V)} are neutral, drawn by a Zipf law (weight 1/rank) as word frequencies are. Each
 * review has a hidden polarity (±1, fair coin) and a length uniform in {@code [⌈L/2⌉, L]}; it is padded with token 0
 * to L on the {@link Padding} side: in front ({@link Padding#PRE}, the paper's Keras default, so the network reads
 * the padding first and the words last) or after the words ({@link Padding#POST}, the network reads the padding
 * last). The side changes only where the words sit, not which words are drawn. Each word is a lexicon token with
 * probability {@value #SENTIMENT_SHARE}, agreeing with the polarity with probability {@value #AGREEMENT}, otherwise
 * neutral. The label is the sign of (positive − negative tokens), ties going to the polarity. A share
 * {@code labelNoise} of the TRAINING labels is then flipped ({@link LabelNoise}), so the network can only fit them by
 * memorising; test labels stay clean.
 *
 * <p>Deterministic in the seed: train reviews, test reviews and the flips come from three independent streams split
 * from {@code SplittableRandom(seed)}, so the test set (and thus the probe set) does not change with the train size
 * or the label noise. Cost: O((trainSize + testSize) · L).
 */
public final class SyntheticSentimentTask {

    /** Lexicon tokens per polarity. */
    public static final int LEXICON_SIZE = 25;
    public static final int FIRST_POSITIVE = 1;
    public static final int FIRST_NEGATIVE = FIRST_POSITIVE + LEXICON_SIZE;
    public static final int FIRST_NEUTRAL = FIRST_NEGATIVE + LEXICON_SIZE;
    /** The padding token, the lexicon and at least one neutral token. */
    public static final int MIN_VOCABULARY = FIRST_NEUTRAL + 1;

    /** Probability that a word is a lexicon token (about a quarter of the words carry sentiment). */
    static final double SENTIMENT_SHARE = 0.25;
    /** Probability that a lexicon token agrees with the review's hidden polarity. */
    static final double AGREEMENT = 0.85;

    private final int sequenceLength;
    private final Padding padding;
    private final double[] neutralCumulative;

    /**
     * @param vocabularySize V ≥ {@link #MIN_VOCABULARY}
     * @param sequenceLength L ≥ 1
     * @param padding        where the padding goes
     */
    public SyntheticSentimentTask(int vocabularySize, int sequenceLength, Padding padding) {
        if (vocabularySize < MIN_VOCABULARY) {
            throw new IllegalArgumentException("vocabularySize " + vocabularySize + " < " + MIN_VOCABULARY);
        }
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength " + sequenceLength + " < 1");
        }
        this.sequenceLength = sequenceLength;
        this.padding = padding;
        this.neutralCumulative = zipfCumulative(vocabularySize - FIRST_NEUTRAL);
    }

    /** Generates the train and test splits of {@code spec}. */
    public static SentimentData generate(RunSpec spec) {
        return new SyntheticSentimentTask(spec.vocabularySize(), spec.sequenceLength(), Padding.of(spec.paddingSide()))
                .generate(spec.trainSize(), spec.testSize(), spec.labelNoise(), spec.seed());
    }

    /** Generates {@code trainSize} training reviews with {@code labelNoise} of their labels flipped, and clean tests. */
    public SentimentData generate(int trainSize, int testSize, double labelNoise, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom testRandom = root.split();
        SplittableRandom noiseRandom = root.split();
        LabelledSequences train = reviews(trainSize, trainRandom);
        LabelledSequences test = reviews(testSize, testRandom);
        return new SentimentData(LabelNoise.flip(train, labelNoise, noiseRandom), test);
    }

    private LabelledSequences reviews(int count, SplittableRandom random) {
        int[][] tokens = new int[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = new int[sequenceLength];
            labels[i] = fillReview(tokens[i], random);
        }
        return new LabelledSequences(tokens, labels);
    }

    /** Writes one padded review into {@code tokens} and returns its label. */
    private int fillReview(int[] tokens, SplittableRandom random) {
        int minLength = (sequenceLength + 1) / 2;
        int length = minLength + random.nextInt(sequenceLength - minLength + 1);
        int polarity = random.nextBoolean() ? 1 : -1;
        int sentimentSum = 0;
        int firstWord = padding == Padding.PRE ? sequenceLength - length : 0;
        for (int t = firstWord; t < firstWord + length; t++) {
            if (random.nextDouble() < SENTIMENT_SHARE) {
                int sign = random.nextDouble() < AGREEMENT ? polarity : -polarity;
                tokens[t] = (sign > 0 ? FIRST_POSITIVE : FIRST_NEGATIVE) + random.nextInt(LEXICON_SIZE);
                sentimentSum += sign;
            } else {
                tokens[t] = FIRST_NEUTRAL + zipfRank(random.nextDouble());
            }
        }
        int sign = sentimentSum != 0 ? Integer.signum(sentimentSum) : polarity;
        return sign > 0 ? 1 : 0;
    }

    /** 0-based rank of a neutral token whose cumulative Zipf probability first exceeds {@code u} ∈ [0, 1). */
    private int zipfRank(double u) {
        int low = 0;
        int high = neutralCumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (neutralCumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static double[] zipfCumulative(int tokens) {
        double[] cumulative = new double[tokens];
        double total = 0;
        for (int rank = 1; rank <= tokens; rank++) {
            total += 1.0 / rank;
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < tokens; i++) {
            cumulative[i] /= total;
        }
        cumulative[tokens - 1] = 1.0;
        return cumulative;
    }
}
