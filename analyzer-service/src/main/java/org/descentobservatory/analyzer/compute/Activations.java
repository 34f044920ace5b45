package org.descentobservatory.analyzer.compute;

/**
 * The gate non-linearities σ(x) = 1/(1 + e^{−x}) and tanh(x) = (1 − e^{−2x})/(1 + e^{−2x}) over prefixes of a
 * {@code double[]}, in place, written so that HotSpot's C2 compiler vectorises every loop (AVX2: 4 doubles per
 * instruction). {@link Math#exp} is a scalar stub (~9 ns a call measured here) and {@link Math#tanh} a native call
 * (~40 ns); the recurrent cells evaluate five of them per unit and step, 300 000 per step at the paper's protocol,
 * which made them cost several times the step's gemm.
 *
 * <p>Method for e^y (Cody &amp; Waite 1980, Muller, <i>Elementary Functions</i>, 3rd ed., Ch. 11): y is clamped to
 * [−{@value #EXP_BOUND}, {@value #EXP_BOUND}], split as y = n·ln 2 + r with n = rint(y/ln 2) and |r| ≤ ln 2 / 2
 * (ln 2 in two parts, so r is exact to ~1e-26), e^r by its Taylor polynomial of degree 13 (truncation
 * |r|¹⁴/14! &lt; 5e-18), and 2^n built in the exponent bits. Each stage is its own loop: C2 (JDK 17) vectorises
 * none of them when fused, and never the bit reinterpretation of 2^n, whose loop therefore holds nothing else.
 * Accuracy: e^y within 1 ulp on the clamped range; σ and tanh within 2.3e-16 absolute of the correctly rounded values
 * (ActivationsTest), like {@link Math#tanh} to within its ulp near ±1, though not relatively accurate for
 * |x| ≲ 1e-8, where the absolute error matters for the recurrent state. The clamp changes σ by less than
 * e^{−40} ≈ 4e-18 and tanh not at all (|tanh x| rounds to 1 from |x| ≈ 19.1).
 *
 * <p>Cost: ~2.1 ns per σ or tanh value measured on the project's machines (vs ~10 and ~40 ns scalar), of which the
 * scalar 2^n loop ~0.6 ns. Holds a scratch array: one instance per state, not thread-safe.
 */
final class Activations {

    /** |y| beyond which e^y is clamped: σ and tanh are saturated to double precision (within 4e-18) there. */
    static final double EXP_BOUND = 40;
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with its low 32 bits zero so that n·LN2_HI is exact for |n| &lt; 2^20. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** 2^52: n + 1023 + 2^52 holds the biased exponent n + 1023 in its low mantissa bits. */
    private static final double TWO_TO_52 = 0x1p52;

    /** 2^n per value of the range being exponentiated, for {@link #sigmoid} and {@link #tanh}. */
    private final double[] powers;

    /** Scratch for ranges of at most {@code capacity} values. */
    Activations(int capacity) {
        this.powers = new double[capacity];
    }

    /** x ← σ(x) = 1/(1 + e^{−x}) on [0, length). Precondition: length ≤ capacity. */
    void sigmoid(double[] x, int length) {
        double[] scale = powers;
        exponential(x, scale, length, -1);
        for (int i = 0; i < length; i++) {
            x[i] = 1 / (1 + x[i] * scale[i]);
        }
    }

    /** x ← tanh(x) = (1 − e^{−2x})/(1 + e^{−2x}) on [0, length). Precondition: length ≤ capacity. */
    void tanh(double[] x, int length) {
        double[] scale = powers;
        exponential(x, scale, length, -2);
        for (int i = 0; i < length; i++) {
            double u = x[i] * scale[i];
            x[i] = (1 - u) / (1 + u);
        }
    }

    /**
     * e^y for y = clamp(scale·x) on [0, length), in two factors: afterwards x[i] = e^{r_i} and powers[i] = 2^{n_i},
     * so that e^y = x[i]·powers[i] (per the class comment). The caller multiplies them in its own loop, together
     * with its own arithmetic, which saves a pass over the values. Precondition: both arrays of at least
     * {@code length} values ({@code powers} any array of the caller's, not necessarily of this instance).
     */
    static void exponential(double[] x, double[] powers, int length, double scale) {
        double[] n = powers;
        for (int i = 0; i < length; i++) {
            double y = Math.max(Math.min(scale * x[i], EXP_BOUND), -EXP_BOUND);
            double k = Math.rint(y * LOG2_E);
            n[i] = k;
            x[i] = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, y));
        }
        for (int i = 0; i < length; i++) {
            double r = x[i];
            double p = 1.0 / 6227020800.0;
            p = Math.fma(p, r, 1.0 / 479001600.0);
            p = Math.fma(p, r, 1.0 / 39916800.0);
            p = Math.fma(p, r, 1.0 / 3628800.0);
            p = Math.fma(p, r, 1.0 / 362880.0);
            p = Math.fma(p, r, 1.0 / 40320.0);
            p = Math.fma(p, r, 1.0 / 5040.0);
            p = Math.fma(p, r, 1.0 / 720.0);
            p = Math.fma(p, r, 1.0 / 120.0);
            p = Math.fma(p, r, 1.0 / 24.0);
            p = Math.fma(p, r, 1.0 / 6.0);
            p = Math.fma(p, r, 0.5);
            p = Math.fma(p, r, 1.0);
            x[i] = Math.fma(p, r, 1.0);
        }
        // Alone in its loop: C2 (JDK 17) does not vectorise the bit reinterpretation, and a loop holding it runs
        // scalar as a whole, so the other stages and the caller's arithmetic stay vectorised only if 2^n is built apart.
        for (int i = 0; i < length; i++) {
            n[i] = powerOfTwo(n[i]);
        }
    }

    /** 2^n for an integral n in [−1022, 1023], built in the exponent bits (vectorisable: no conversion to int). */
    private static double powerOfTwo(double n) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(n + (1023 + TWO_TO_52)) << 52);
    }
}
