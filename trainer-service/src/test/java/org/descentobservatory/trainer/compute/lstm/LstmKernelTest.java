package org.descentobservatory.trainer.compute.lstm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's σ and tanh, against float64 references and their symmetries. */
class LstmKernelTest {

    /** One float32 rounding of a value computed in float64: half an ulp, 2⁻²⁴ relative, with margin. */
    private static final double ROUNDING = 1.2e-7;

    @Test
    void sigmoidAndTanhAreTheFloat64ValuesRoundedOnce() {
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 100_000; k++) {
            float x = (float) (random.nextGaussian() * 8);
            double sigmoid = 1.0 / (1.0 + Math.exp(-(double) x));
            double tanh = Math.tanh(x);
            assertThat(Math.abs(LstmKernel.sigmoid(x) - sigmoid)).isLessThanOrEqualTo(ROUNDING * sigmoid);
            assertThat(Math.abs(LstmKernel.tanh(x) - tanh)).isLessThanOrEqualTo(ROUNDING * Math.abs(tanh));
            assertThat(LstmKernel.tanh(-x)).isEqualTo(-LstmKernel.tanh(x));
        }
    }

    @Test
    void saturationGivesTheLimitsWithoutOverflow() {
        assertThat(LstmKernel.sigmoid(-1000f)).isEqualTo(0f);
        assertThat(LstmKernel.sigmoid(1000f)).isEqualTo(1f);
        assertThat(LstmKernel.tanh(1000f)).isEqualTo(1f);
        assertThat(LstmKernel.tanh(-1000f)).isEqualTo(-1f);
        assertThat(LstmKernel.tanh(0f)).isEqualTo(0f);
        assertThat(LstmKernel.sigmoid(0f)).isEqualTo(0.5f);
    }
}
