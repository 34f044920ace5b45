package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Activations} against the JDK's {@link StrictMath} (fdlibm, within 1 ulp of the exact values) on seeded
 * random arguments at three scales: around 0 (where tanh and σ are steepest), the gates' working range, and beyond
 * the clamp.
 */
class ActivationsTest {

    /**
     * Absolute error of σ and tanh, values in [−1, 1]: the ~1 ulp of e^y is damped by the quotient, which adds its own
     * rounding of ≤ 1 ulp of 1 (2.2e-16), as does the reference; two ulps of 1.
     */
    private static final double GATE_ERROR = 4.5e-16;
    /** Relative error of e^y on the clamped range: 1 ulp for the method, 1 for the reference. */
    private static final double EXP_ULPS = 2;
    private static final int SAMPLES = 30_000;

    @Test
    void sigmoidAndTanhMatchStrictMathToTwoUlpsOfOne() {
        Activations activations = new Activations(SAMPLES);
        for (double scale : new double[]{1e-6, 8, 60}) {
            double[] x = arguments(scale, 3);
            assertGateError(x, activations::sigmoid, v -> 1 / (1 + StrictMath.exp(-v)));
            assertGateError(x, activations::tanh, StrictMath::tanh);
        }
    }

    @Test
    void expIsWithinTwoUlpsOnTheClampedRange() {
        double[] x = arguments(Activations.EXP_BOUND, 4);
        double[] y = x.clone();
        double[] powers = new double[SAMPLES];
        Activations.exponential(y, powers, SAMPLES, 1);
        for (int i = 0; i < SAMPLES; i++) {
            double expected = StrictMath.exp(x[i]);
            assertThat(Math.abs(y[i] * powers[i] - expected) / Math.ulp(expected)).as("exp(%s)", x[i])
                    .isLessThanOrEqualTo(EXP_ULPS);
        }
    }

    @Test
    void exactValuesAtZeroAndSaturationBeyondTheClamp() {
        Activations activations = new Activations(4);
        double[] sigmoid = {0, 50, -50, 1e300};
        double[] tanh = {0, 50, -50, -1e300};
        activations.sigmoid(sigmoid, 4);
        activations.tanh(tanh, 4);
        assertThat(sigmoid).containsExactly(0.5, 1, Math.exp(-Activations.EXP_BOUND), 1);
        assertThat(tanh).containsExactly(0, 1, -1, -1);
    }

    private static void assertGateError(double[] x, ActivationsOp op, DoubleUnaryOperator reference) {
        double[] y = x.clone();
        op.apply(y, y.length);
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).as("at %s", x[i]).isCloseTo(reference.applyAsDouble(x[i]), within(GATE_ERROR));
        }
    }

    /** Uniform in [−scale, scale), seeded. */
    private static double[] arguments(double scale, long seed) {
        Random random = new Random(seed);
        double[] x = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = scale * (2 * random.nextDouble() - 1);
        }
        return x;
    }

    @FunctionalInterface
    private interface ActivationsOp {
        void apply(double[] x, int length);
    }
}
