package org.descentobservatory.trainer.compute.task.imdb;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.LabelNoise;
import org.descentobservatory.trainer.compute.LabelledSequences;
import org.descentobservatory.trainer.compute.Padding;
import org.descentobservatory.trainer.compute.SentimentData;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The IMDb task's train and test splits, as a spec asks:
 * <ol>
 *   <li>the corpus at {@code datasetSource} ({@link ArchiveCache}, {@link ImdbCorpus});</li>
 *   <li>the split: with {@code trainFraction} null the corpus' own {@code train/} and {@code test/} folders, each
 *       shuffled; otherwise all labelled reviews pooled (the paper: 50,000), shuffled, and the first
 *       round(trainFraction · n) the train split (the paper: 70/30);</li>
 *   <li>the first {@code trainSize} and {@code testSize} reviews of the two splits (fewer is an error);</li>
 *   <li>the {@link Vocabulary} of size {@code vocabularySize} from those training reviews only;</li>
 *   <li>each review fitted to {@code sequenceLength} tokens ({@link Padding#fit}: padded on {@code paddingSide},
 *       long ones keep their end);</li>
 *   <li>{@code labelNoise} of the training labels flipped ({@link LabelNoise}).</li>
 * </ol>
 * The shuffle and the flips come from two streams split from {@code SplittableRandom(seed)}. Cost: reading the corpus
 * (and, the first time, fetching and unpacking it), then O(words) to index it.
 */
public final class ImdbData {

    private ImdbData() {
    }

    /** @throws DatasetException with the reason when the corpus cannot be had or is too small for the spec */
    public static SentimentData load(RunSpec spec, ArchiveCache cache) {
        DatasetSource source = DatasetSource.parse(spec.datasetSource(), spec.datasetSha256());
        ImdbCorpus corpus = ImdbCorpus.read(ImdbCorpus.root(cache.folder(source, ImdbCorpus::isLabelledReview)));
        return split(corpus, spec);
    }

    /** Steps 2–6 on a corpus already read. */
    static SentimentData split(ImdbCorpus corpus, RunSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom shuffleRandom = root.split();
        SplittableRandom noiseRandom = root.split();
        List<ImdbReview> train;
        List<ImdbReview> test;
        if (spec.trainFraction() == null) {
            train = shuffled(corpus.train(), shuffleRandom);
            test = shuffled(corpus.test(), shuffleRandom);
        } else {
            List<ImdbReview> pool = new ArrayList<>(corpus.train());
            pool.addAll(corpus.test());
            pool = shuffled(pool, shuffleRandom);
            int cut = (int) Math.round(spec.trainFraction() * pool.size());
            train = pool.subList(0, cut);
            test = pool.subList(cut, pool.size());
        }
        train = first(train, spec.trainSize(), "train", "trainSize");
        test = first(test, spec.testSize(), "test", "testSize");
        Vocabulary vocabulary = Vocabulary.of(train, corpus.words(), spec.vocabularySize());
        Padding padding = Padding.of(spec.paddingSide());
        LabelledSequences trainSequences = encode(train, vocabulary, padding, spec.sequenceLength());
        LabelledSequences testSequences = encode(test, vocabulary, padding, spec.sequenceLength());
        return new SentimentData(LabelNoise.flip(trainSequences, spec.labelNoise(), noiseRandom), testSequences);
    }

    private static List<ImdbReview> first(List<ImdbReview> split, int count, String name, String field) {
        if (split.size() < count) {
            throw new DatasetException("The " + name + " split has " + split.size() + " reviews, fewer than "
                    + field + " = " + count);
        }
        return split.subList(0, count);
    }

    private static LabelledSequences encode(List<ImdbReview> reviews, Vocabulary vocabulary, Padding padding,
                                            int length) {
        int[][] tokens = new int[reviews.size()][];
        int[] labels = new int[reviews.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = padding.fit(vocabulary.tokens(reviews.get(i)), length);
            labels[i] = reviews.get(i).label();
        }
        return new LabelledSequences(tokens, labels);
    }

    /** A Fisher–Yates shuffled copy. */
    private static List<ImdbReview> shuffled(List<ImdbReview> reviews, SplittableRandom random) {
        List<ImdbReview> copy = new ArrayList<>(reviews);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            ImdbReview swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }
}
