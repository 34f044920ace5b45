package org.descentobservatory.trainer.compute.lstm;

/**
 * The LSTM's activations in float32 without exponentials: tanh by a rational minimax approximation on a clamped
 * argument, σ(x) = ½ + ½·tanh(x/2). The approximation is Eigen's {@code generic_fast_tanh_float} (Eigen 3.4,
 * {@code Eigen/src/Core/MathFunctionsImpl.h}: odd numerator of degree 13 over an even denominator of degree 6, argument
 * clamped to ±7.9053, where tanh is 1 within float32 rounding).
 * <p>
 * Why: the gate loop evaluates five activations per unit and step (960,000 per minibatch of the paper's network);
 * in double through {@code Math.exp} they took most of the forward pass (~15–20 ns each), this takes ~1 ns (only
 * multiplications, additions, one division and min/max, which the JIT compiles to vector instructions in a loop).
 * <p>
 * Accuracy (measured against float64 on 2·10⁶ arguments, {@code ActivationsTest}): tanh within 4·10⁻⁷ of the true
 * value, relative and absolute (a few float32 ulps; tanh(0) = 0 and tanh(−x) = −tanh(x) exactly); σ within 2·10⁻⁷
 * absolute (relative accuracy is lost below σ ≈ 10⁻⁶, where σ(x) → 0 is returned as a value within 2·10⁻⁷ of 0).
 * Both are far inside what {@code FusedLstmEquivalenceTest} allows against Deeplearning4j's own σ and tanh.
 */
final class Activations {

    /** Beyond ±CLAMP, tanh(x) rounds to ±1 in float32 (1 − tanh(7.9053) ≈ 2.7·10⁻⁷, about 2 ulps of 1). */
    private static final float CLAMP = 7.90531110763549805f;

    private Activations() {
    }

    /** tanh(x) to within 4·10⁻⁷ (see the class comment). Cost: 17 flops and one division, no branch. */
    static float tanh(float x) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x));
        float v2 = v * v;
        float p = v2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = p * v2 + -8.60467152213735e-11f;
        p = p * v2 + 5.12229709037114e-08f;
        p = p * v2 + 1.48572235717979e-05f;
        p = p * v2 + 6.37261928875436e-04f;
        p = p * v2 + 4.89352455891786e-03f;
        float q = v2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = q * v2 + 2.26843463243900e-03f;
        q = q * v2 + 4.89352518554385e-03f;
        return v * p / q;
    }

    /** σ(x) = 1 / (1 + e^(−x)) = ½ + ½·tanh(x/2), to within 2·10⁻⁷ absolute. */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}
