package org.descentobservatory.trainer.compute.lstm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The kernel's σ and tanh ({@link Activations}) against float64 references, and their symmetries and limits. */
class ActivationsTest {

    /** tanh's error bound, relative and absolute: a few float32 ulps (2⁻²³ ≈ 1.2·10⁻⁷ relative each). */
    private static final double TANH_ERROR = 5e-7;
    /** σ's absolute error bound (half of tanh's at x/2, plus the rounding of ½ + ½·tanh). */
    private static final double SIGMOID_ERROR = 2.5e-7;

    @Test
    void activationsAreWithinTheirBoundsOfTheFloat64Values() {
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 400_000; k++) {
            float x = k % 2 == 0 ? (float) (random.nextGaussian() * 8) : (float) (random.nextDouble(-0.5, 0.5));
            assertWithinBounds(x);
        }
        for (float x = -20f; x <= 20f; x += 1e-3f) {
            assertWithinBounds(x);
        }
    }

    @Test
    void tanhIsOddAndBothHaveTheirLimitsWithoutOverflow() {
        SplittableRandom random = new SplittableRandom(2);
        for (int k = 0; k < 10_000; k++) {
            float x = (float) (random.nextGaussian() * 8);
            assertThat(Activations.tanh(-x)).isEqualTo(-Activations.tanh(x));
        }
        assertThat(Activations.tanh(0f)).isEqualTo(0f);
        assertThat(Activations.sigmoid(0f)).isEqualTo(0.5f);
        for (float big : new float[] {20f, 1000f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
            assertThat((double) Activations.tanh(big)).isCloseTo(1.0, within(TANH_ERROR));
            assertThat((double) Activations.tanh(-big)).isCloseTo(-1.0,
                    within(TANH_ERROR));
            assertThat((double) Activations.sigmoid(big)).isCloseTo(1.0,
                    within(SIGMOID_ERROR));
            assertThat((double) Activations.sigmoid(-big)).isCloseTo(0.0,
                    within(SIGMOID_ERROR));
        }
    }

    private static void assertWithinBounds(float x) {
        double tanh = Math.tanh(x);
        double sigmoid = 1.0 / (1.0 + Math.exp(-(double) x));
        assertThat(Math.abs(Activations.tanh(x) - tanh)).as("tanh(%s)", x)
                .isLessThanOrEqualTo(TANH_ERROR * Math.max(Math.abs(tanh), Float.MIN_NORMAL));
        assertThat(Math.abs(Activations.sigmoid(x) - sigmoid)).as("sigmoid(%s)", x)
                .isLessThanOrEqualTo(SIGMOID_ERROR);
    }
}
