package org.descentobservatory.trainer.compute;

import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.descentobservatory.trainer.compute.SyntheticSentimentTask.FIRST_NEGATIVE;
import static org.descentobservatory.trainer.compute.SyntheticSentimentTask.FIRST_NEUTRAL;
import static org.descentobservatory.trainer.compute.SyntheticSentimentTask.FIRST_POSITIVE;

class SyntheticSentimentTaskTest {

    private static final int VOCABULARY = 2000;
    private static final int LENGTH = 100;
    private final SyntheticSentimentTask task = new SyntheticSentimentTask(VOCABULARY, LENGTH, Padding.PRE);

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        SentimentData first = task.generate(200, 100, 0.2, 42);
        SentimentData again = task.generate(200, 100, 0.2, 42);
        SentimentData other = task.generate(200, 100, 0.2, 43);

        assertThat(again.train().tokens()).isDeepEqualTo(first.train().tokens());
        assertThat(again.train().labels()).isEqualTo(first.train().labels());
        assertThat(again.test().tokens()).isDeepEqualTo(first.test().tokens());
        assertThat(again.test().labels()).isEqualTo(first.test().labels());
        assertThat(Arrays.deepEquals(other.train().tokens(), first.train().tokens())).isFalse();
        assertThat(Arrays.deepEquals(other.test().tokens(), first.test().tokens())).isFalse();
    }

    @Test
    void testSetDoesNotDependOnTrainSizeOrNoise() {
        SentimentData small = task.generate(50, 100, 0.0, 7);
        SentimentData large = task.generate(500, 100, 0.3, 7);

        assertThat(large.test().tokens()).isDeepEqualTo(small.test().tokens());
        assertThat(large.test().labels()).isEqualTo(small.test().labels());
    }

    @Test
    void labelNoiseFlipsExactlyItsShareOfTrainingLabelsAndNoTestLabel() {
        int trainSize = 800;
        SentimentData clean = task.generate(trainSize, 300, 0.0, 42);
        SentimentData noisy = task.generate(trainSize, 300, 0.2, 42);

        assertThat(noisy.train().tokens()).isDeepEqualTo(clean.train().tokens());
        int flipped = 0;
        for (int i = 0; i < trainSize; i++) {
            if (noisy.train().labels()[i] != clean.train().labels()[i]) {
                flipped++;
            }
        }
        assertThat(flipped).isEqualTo(Math.round(0.2 * trainSize));
        assertThat(noisy.test().labels()).isEqualTo(clean.test().labels());
    }

    @Test
    void reviewsAreFrontPaddedWithTokenZeroAndAtLeastHalfTheLength() {
        SentimentData data = task.generate(300, 300, 0.0, 1);
        int shortest = LENGTH;
        int longest = 0;
        for (int[] review : data.train().tokens()) {
            assertThat(review).hasSize(LENGTH);
            int firstWord = 0;
            while (firstWord < LENGTH && review[firstWord] == 0) {
                firstWord++;
            }
            int[] words = Arrays.copyOfRange(review, firstWord, LENGTH);
            assertThat(words).as("no padding after the first word").doesNotContain(0);
            assertThat(Arrays.stream(words).max().orElseThrow()).isLessThan(VOCABULARY);
            shortest = Math.min(shortest, words.length);
            longest = Math.max(longest, words.length);
        }
        assertThat(shortest).isGreaterThanOrEqualTo(LENGTH / 2).isLessThan(LENGTH);
        assertThat(longest).isEqualTo(LENGTH);
    }

    @Test
    void postPaddingPutsTheSameWordsFirstAndThePaddingLast() {
        SentimentData pre = task.generate(200, 100, 0.2, 11);
        SentimentData post = new SyntheticSentimentTask(VOCABULARY, LENGTH, Padding.POST).generate(200, 100, 0.2, 11);

        assertThat(post.train().labels()).isEqualTo(pre.train().labels());
        assertThat(post.test().labels()).isEqualTo(pre.test().labels());
        for (int i = 0; i < pre.train().size(); i++) {
            int[] front = pre.train().tokens()[i];
            int[] back = post.train().tokens()[i];
            int padding = 0;
            while (front[padding] == 0) {
                padding++;
            }
            assertThat(padding).as("review %d is shorter than L", i).isLessThan(LENGTH);
            assertThat(Arrays.copyOfRange(back, 0, LENGTH - padding)).as("review %d's words", i)
                    .isEqualTo(Arrays.copyOfRange(front, padding, LENGTH))
                    .doesNotContain(0);
            assertThat(Arrays.stream(back, LENGTH - padding, LENGTH).allMatch(token -> token == 0))
                    .as("review %d's padding", i).isTrue();
        }
    }

    @Test
    void theSpecsPaddingSideChoosesTheSide() {
        RunSpec pre = NetworkSpecs.tiny(3);
        RunSpec post = NetworkSpecs.variant(pre, pre.architecture(), RunSpec.PADDING_POST, pre.adamEpsilon(), null);
        int length = pre.sequenceLength();

        int[][] front = SyntheticSentimentTask.generate(pre).train().tokens();
        int[][] back = SyntheticSentimentTask.generate(post).train().tokens();

        assertThat(Arrays.stream(front).mapToInt(review -> review[length - 1]))
                .as("a word ends every front-padded review").doesNotContain(0);
        assertThat(Arrays.stream(back).mapToInt(review -> review[0])).as("a word starts every back-padded review")
                .doesNotContain(0);
        assertThat(Arrays.stream(back).mapToInt(review -> review[length - 1])).as("some back-padded review is short")
                .contains(0);
        assertThatThrownBy(() -> Padding.of("middle")).hasMessageContaining("middle");
    }

    @Test
    void cleanLabelsAreBalancedAndFollowTheSignOfTheSentimentSum() {
        SentimentData data = task.generate(10, 4000, 0.0, 3);
        LabelledSequences test = data.test();
        int positives = Arrays.stream(test.labels()).sum();
        // Fair-coin polarity: 0.5 ± 0.008 (one standard deviation); the bounds are 6 deviations wide.
        assertThat(positives / (double) test.size()).isBetween(0.45, 0.55);
        for (int i = 0; i < test.size(); i++) {
            int sum = 0;
            for (int token : test.tokens()[i]) {
                if (token >= FIRST_POSITIVE && token < FIRST_NEGATIVE) {
                    sum++;
                } else if (token >= FIRST_NEGATIVE && token < FIRST_NEUTRAL) {
                    sum--;
                }
            }
            if (sum != 0) {
                assertThat(test.labels()[i]).as("review %d, sentiment sum %d", i, sum).isEqualTo(sum > 0 ? 1 : 0);
            }
        }
    }

    @Test
    void neutralTokensFollowAZipfLaw() {
        int[] counts = new int[VOCABULARY];
        for (int[] review : task.generate(10, 2000, 0.0, 5).test().tokens()) {
            for (int token : review) {
                counts[token]++;
            }
        }
        // Weight 1/rank: the top neutral token is about twice as frequent as the second and far above the tail.
        double ratio = counts[FIRST_NEUTRAL] / (double) counts[FIRST_NEUTRAL + 1];
        assertThat(ratio).isBetween(1.7, 2.3);
        assertThat(counts[FIRST_NEUTRAL]).isGreaterThan(50 * counts[VOCABULARY - 1] + 50);
    }
}
