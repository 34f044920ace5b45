package org.descentobservatory.analyzer.compute;

/** The numerical tolerances of the analyzer's tests, each with its reason. */
final class Tolerances {

    /**
     * LstmCell against DL4J's own {@code rnnTimeStep}, both in double precision: the only differences are the
     * summation order inside the gemm and the transcendental-function implementations (~1e-16 relative per
     * operation), carried along a non-chaotic trajectory of ~100 steps. Far tighter than float32 resolution
     * (~1e-7), so a gate-order or formula error (differences of order 1e-1) cannot pass.
     */
    static final double LSTM_MATCH = 1e-10;

    /**
     * SimpleRnnCell against DL4J's {@code rnnTimeStep}, both in double precision: as {@link #LSTM_MATCH}, with fewer
     * operations per step (one gemm, one tanh), so the same bound; a missing bias or a transposed RW is off by ~1e-1.
     */
    static final double SIMPLE_RNN_MATCH = 1e-10;

    /**
     * log D_i at the floor: log(0 + e^floorLog) differs from floorLog only by the rounding of exp and log; a
     * surviving distance d shifts it by d / e^floorLog, so 1e-12 admits only d &lt; ~3e-19.
     */
    static final double AT_FLOOR = 1e-12;

    /**
     * λ₁ per time unit of a Lorenz-63 forecaster run closed loop, against the true 0.9056 (and λ₂ against the flow's
     * 0): about 11 %. What it must tell apart: a forecaster that collapsed onto a fixed point (λ₁ &lt; 0) or a limit
     * cycle (λ₁ = 0), or that expands too fast (a wrong Lyapunov time), from one that learned the chaos. What it must
     * allow: the estimate's statistical error (standard error over 10 probes of 1,000 time units ~0.003, bounded
     * separately by {@link #LORENZ_STANDARD_ERROR}) and the model error of a surrogate whose one-step error is small
     * but not zero (published surrogates: a GRU at 0.908, a public study; reservoir computers within a few percent,
     * Pathak et al., Chaos 27, 121102, 2017); the checked-in forecaster gives 0.883.
     */
    static final double LORENZ_EXPONENT = 0.1;

    /**
     * The standard error of the closed-loop λ₁ per time unit over the probes: a tenth of {@link #LORENZ_EXPONENT}, so
     * that passing that tolerance says something about the model and not about luck (measured 0.003).
     */
    static final double LORENZ_STANDARD_ERROR = 0.01;

    /**
     * Closed-loop against true attractor statistics, in units of the true standard deviation σ of the component: the
     * mean of z within this many σ, the standard deviations of x and z within this fraction of σ. The sampling error
     * of such a statistic over T = 5,000 time units is ~σ·√(2τ/T) with a correlation time τ ≲ 1, ~0.02σ; a surrogate
     * on a small limit cycle (σ far too small) or drifting off (means far off) fails. Measured on the checked-in
     * forecaster: 0.01σ, 0.002σ, 0.007σ.
     */
    static final double ATTRACTOR_STATISTICS = 0.1;

    /**
     * The closed loop's mean x against the symmetric attractor's 0, in units of σ_x: a run stuck in one lobe has
     * |mean x| ≈ 0.8σ, so this still tells it apart, while it admits the slight lobe preference of a surrogate that
     * was never told of the symmetry (x, y) → (−x, −y): the checked-in forecaster spends a little more time on the
     * x &gt; 0 lobe, mean x = 0.14σ over 5,000 time units (the true system 0.0004σ over as long).
     */
    static final double ATTRACTOR_SYMMETRY = 0.25;

    /**
     * How far beyond the true trajectory's range (per component, as a fraction of that range) a closed-loop state may
     * go: bounded and on the attractor, with room for the surrogate's small deformation.
     */
    static final double ATTRACTOR_RANGE_MARGIN = 0.1;

    private Tolerances() {
    }
}
