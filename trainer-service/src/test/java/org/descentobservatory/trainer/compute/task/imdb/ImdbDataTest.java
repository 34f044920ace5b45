package org.descentobservatory.trainer.compute.task.imdb;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.LabelledSequences;
import org.descentobservatory.trainer.compute.SentimentData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImdbDataTest {

    @TempDir
    static Path dataDir;
    private static ImdbCorpus corpus;

    @BeforeAll
    static void writeSample() throws IOException {
        corpus = ImdbCorpus.read(ImdbCorpus.root(AclImdbSample.writeFolder(dataDir)));
    }

    @Test
    void readsTheFourLabelledFoldersOnlyOrderedByLabelAndId() {
        assertThat(corpus.train()).hasSize(2 * AclImdbSample.PER_FOLDER);
        assertThat(corpus.test()).hasSize(2 * AclImdbSample.PER_FOLDER);
        assertThat(corpus.train()).extracting(ImdbReview::label)
                .containsExactlyElementsOf(IntStream.range(0, 2 * AclImdbSample.PER_FOLDER)
                        .map(i -> i < AclImdbSample.PER_FOLDER ? 0 : 1).boxed().toList());
        assertThat(corpus.train().get(AclImdbSample.PER_FOLDER + 3)).satisfies(review -> {
            assertThat(review.id()).isEqualTo(3);
            assertThat(review.rating()).isEqualTo(8);
        });
        assertThat(corpus.words()).contains("the", "great", "awful", "movie", AclImdbSample.TEST_ONLY_WORD)
                .doesNotContain("unlabelled", "br", "great!", "not");
    }

    @Test
    void tokenisesLikeKerasAfterRemovingLineBreaks() {
        assertThat(KerasTokenizer.words("Great movie!<br /><br />I LOVED it, didn't you?\t(10/10)"))
                .containsExactly("great", "movie", "i", "loved", "it", "didn't", "you", "10", "10");
        assertThat(KerasTokenizer.words("  ...  ")).isEmpty();
    }

    @Test
    void theVocabularyComesFromTheTrainingReviewsOnly() {
        SentimentData data = ImdbData.split(corpus, ImdbSpecs.ownSplit("aclImdb", null));

        // Every training word fits the vocabulary: no training token is out of vocabulary.
        assertThat(tokens(data.train())).doesNotContain(Vocabulary.OUT_OF_VOCABULARY);
        // The test reviews' own words (their markers and the test split's most frequent word) are out of vocabulary,
        // while the words they share with the training reviews are not.
        for (int[] review : data.test().tokens()) {
            int[] words = Arrays.stream(review).filter(token -> token != Vocabulary.PADDING).toArray();
            assertThat(words[0]).as("'the'").isGreaterThan(Vocabulary.OUT_OF_VOCABULARY);
            assertThat(words[1]).as("the review's own marker").isEqualTo(Vocabulary.OUT_OF_VOCABULARY);
            if (words.length > 3) {
                assertThat(words[words.length - 1]).as("'testonly'").isEqualTo(Vocabulary.OUT_OF_VOCABULARY);
            }
        }
    }

    @Test
    void aSmallVocabularyKeepsTheMostFrequentTrainingWords() {
        // V = 4: padding, out-of-vocabulary, then "movie" (153 times in training) and "the" (20 times).
        RunSpec spec = ImdbSpecs.spec("aclImdb", null, null, 20, 20, 4, 64, RunSpec.PADDING_PRE, 0.0, 7);
        SentimentData data = ImdbData.split(corpus, spec);

        assertThat(tokens(data.train())).containsOnly(0, 1, 2, 3);
        for (int[] review : data.train().tokens()) {
            int[] words = Arrays.stream(review).filter(token -> token != Vocabulary.PADDING).toArray();
            assertThat(words[0]).as("'the'").isEqualTo(3);
            if (words.length > 4) {
                assertThat(words[words.length - 1]).as("'movie'").isEqualTo(2);
            }
        }
    }

    @Test
    void thePooledReviewsAreSplitByTheFractionWithTheSeed() {
        RunSpec spec = ImdbSpecs.spec("aclImdb", null, 0.7, 28, 12, 1000, 64, RunSpec.PADDING_PRE, 0.0, 7);
        SentimentData data = ImdbData.split(corpus, spec);

        Set<Integer> train = reviewNumbers(data.train());
        Set<Integer> test = reviewNumbers(data.test());
        assertThat(train).hasSize(28);
        assertThat(test).hasSize(12);
        Set<Integer> all = new HashSet<>(train);
        all.addAll(test);
        assertThat(all).as("every review once").hasSize(AclImdbSample.REVIEWS);
        assertThat(train).as("pooled: some of the corpus' test reviews train").anyMatch(k -> k >= 20);
        assertThat(reviewNumbers(ImdbData.split(corpus, spec).train())).isEqualTo(train);
        RunSpec otherSeed = ImdbSpecs.spec("aclImdb", null, 0.7, 28, 12, 1000, 64, RunSpec.PADDING_PRE, 0.0, 8);
        assertThat(reviewNumbers(ImdbData.split(corpus, otherSeed).train())).isNotEqualTo(train);
    }

    @Test
    void withoutAFractionTheCorpusOwnFoldersAreTheSplitsAndSizesTakeTheirFirstReviews() {
        SentimentData data = ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, null, 5, 3, 1000, 64, RunSpec.PADDING_PRE, 0.0, 7));

        assertThat(reviewNumbers(data.train())).hasSize(5).allMatch(k -> k < 20);
        assertThat(reviewNumbers(data.test())).hasSize(3).allMatch(k -> k >= 20);
        assertThatThrownBy(() -> ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, 0.7, 29, 11, 1000, 64, RunSpec.PADDING_PRE, 0.0, 7)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("28 reviews, fewer than trainSize = 29");
    }

    @Test
    void shortReviewsArePaddedOnTheirSideAndLongOnesKeepTheirEnd() {
        int length = 6;
        SentimentData pre = ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, null, 20, 20, 1000, length, RunSpec.PADDING_PRE, 0.0, 7));
        SentimentData post = ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, null, 20, 20, 1000, length, RunSpec.PADDING_POST, 0.0, 7));
        SentimentData full = ImdbData.split(corpus, ImdbSpecs.ownSplit("aclImdb", null));

        for (int i = 0; i < full.train().size(); i++) {
            int[] words = Arrays.stream(full.train().tokens()[i]).filter(token -> token != 0).toArray();
            int[] front = pre.train().tokens()[i];
            int[] back = post.train().tokens()[i];
            if (words.length >= length) {
                int[] end = Arrays.copyOfRange(words, words.length - length, words.length);
                assertThat(front).as("review with %d words, pre", words.length).isEqualTo(end);
                assertThat(back).as("review with %d words, post", words.length).isEqualTo(end);
            } else {
                int padding = length - words.length;
                assertThat(Arrays.copyOfRange(front, padding, length)).isEqualTo(words);
                assertThat(Arrays.copyOfRange(front, 0, padding)).containsOnly(0);
                assertThat(Arrays.copyOfRange(back, 0, words.length)).isEqualTo(words);
                assertThat(Arrays.copyOfRange(back, words.length, length)).containsOnly(0);
            }
        }
    }

    @Test
    void labelNoiseFlipsTrainingLabelsOnly() {
        SentimentData clean = ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, 0.7, 28, 12, 1000, 64, RunSpec.PADDING_PRE, 0.0, 7));
        SentimentData noisy = ImdbData.split(corpus,
                ImdbSpecs.spec("aclImdb", null, 0.7, 28, 12, 1000, 64, RunSpec.PADDING_PRE, 0.25, 7));

        assertThat(noisy.train().tokens()).isDeepEqualTo(clean.train().tokens());
        long flipped = IntStream.range(0, 28).filter(i -> noisy.train().labels()[i] != clean.train().labels()[i])
                .count();
        assertThat(flipped).isEqualTo(7);
        assertThat(noisy.test().labels()).isEqualTo(clean.test().labels());
    }

    @Test
    void aFolderOutsideTheLayoutIsAClearError() {
        assertThatThrownBy(() -> ImdbCorpus.root(dataDir.resolve("aclImdb").resolve("train")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("Not the aclImdb layout");
    }

    /** Review numbers k, recognised by their k + 1 non-padding tokens (see {@link AclImdbSample}). */
    private static Set<Integer> reviewNumbers(LabelledSequences split) {
        return Arrays.stream(split.tokens())
                .map(review -> (int) Arrays.stream(review).filter(token -> token != 0).count() - 1)
                .collect(Collectors.toSet());
    }

    private static List<Integer> tokens(LabelledSequences split) {
        return Arrays.stream(split.tokens()).flatMapToInt(Arrays::stream).boxed().toList();
    }
}
