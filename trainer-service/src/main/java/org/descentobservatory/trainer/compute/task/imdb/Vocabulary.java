package org.descentobservatory.trainer.compute.task.imdb;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Token indices for a vocabulary of size V built from the training reviews only (the test reviews must not leak into
 * it): index {@value #PADDING} pads, index {@value #OUT_OF_VOCABULARY} stands for every word outside the vocabulary,
 * and indices 2 … V − 1 go to the V − 2 most frequent words of the training reviews, most frequent first (as Keras'
 * {@code Tokenizer(num_words=…, oov_token=…)} ranks them), ties broken by the word's text so the result is
 * deterministic. Cost: O(total training words + W log W) for W distinct words.
 */
public final class Vocabulary {

    public static final int PADDING = 0;
    public static final int OUT_OF_VOCABULARY = 1;
    private static final int FIRST_WORD = 2;

    /** {@code index[w]}: the token of corpus word w. */
    private final int[] index;

    private Vocabulary(int[] index) {
        this.index = index;
    }

    /**
     * @param train the training reviews
     * @param words the corpus' word list the reviews index
     * @param size  V ≥ 2, padding and out-of-vocabulary included
     */
    public static Vocabulary of(Collection<ImdbReview> train, List<String> words, int size) {
        if (size < FIRST_WORD) {
            throw new IllegalArgumentException("vocabulary size " + size + " < " + FIRST_WORD);
        }
        long[] counts = new long[words.size()];
        for (ImdbReview review : train) {
            for (int word : review.words()) {
                counts[word]++;
            }
        }
        int[] ranked = IntStream.range(0, words.size()).filter(w -> counts[w] > 0).boxed()
                .sorted(Comparator.<Integer>comparingLong(w -> -counts[w]).thenComparing(words::get))
                .limit(size - FIRST_WORD)
                .mapToInt(Integer::intValue).toArray();
        int[] index = new int[words.size()];
        Arrays.fill(index, OUT_OF_VOCABULARY);
        for (int rank = 0; rank < ranked.length; rank++) {
            index[ranked[rank]] = FIRST_WORD + rank;
        }
        return new Vocabulary(index);
    }

    /** The tokens of a review's words. */
    public int[] tokens(ImdbReview review) {
        return Arrays.stream(review.words()).map(word -> index[word]).toArray();
    }
}
