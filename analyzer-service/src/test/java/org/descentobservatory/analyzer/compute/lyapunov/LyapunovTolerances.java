package org.descentobservatory.analyzer.compute.lyapunov;

/**
 * The numerical tolerances of the Lyapunov tests, each with its reason. Public because the LSTM-specific tests live
 * in the compute package next to their random-network fixtures.
 */
public final class LyapunovTolerances {

    /**
     * {@code LstmJacobian.step}'s s' against {@code LstmCell.step} for one step from the same state: the same
     * formulas in double precision, differing only in the summation order of h·RW (H terms of size ≤ ~g/√H) and
     * the tanh/exp implementations, ~1e-15 absolute; a gate-order error would differ by ~1e-1.
     */
    public static final double SAME_MAP = 1e-13;

    /**
     * The LSTM's J·Q formed without J (δz = δh·RW, then the gate coefficients) against the dense J times Q: the same
     * products summed in another order, 2H terms of size ≲ g·|Q| ~ 3·3 with H = 24, so ~1e-14 absolute; a wrong
     * coefficient would differ by ~1e-1.
     */
    public static final double TANGENT_PRODUCT = 1e-12;

    /**
     * Analytic Jacobian against central differences with step {@link #FINITE_DIFFERENCE_STEP}, relative to max|J|:
     * truncation δ²·|F'''|/6 ~ 1e-11 plus rounding ε·|F|/δ ~ 1e-11, so ~1e-10 is expected; 1e-7 leaves margin
     * and is still six orders below a wrong term (relative error ~1).
     */
    public static final double FINITE_DIFFERENCE = 1e-7;

    /** δ ≈ ε^{1/3}·|s|, the step that balances the truncation and rounding errors of a central difference. */
    public static final double FINITE_DIFFERENCE_STEP = 1e-5;

    /**
     * ‖QᵀQ − I‖_max and |(QᵀA)_ij| below the diagonal relative to ‖A‖: Householder QR is backward stable with
     * orthogonality loss O(n·ε) (Golub &amp; Van Loan, Sec. 5.2.2): for n ≤ 120, ~3e-14.
     */
    public static final double ORTHONORMAL = 1e-12;

    /**
     * Spectrum of a constant linear map whose eigenvalue moduli have ratios ≤ 3/4: after a transient of n₀ = 200
     * steps Q is aligned with the Schur vectors up to (3/4)^200 ~ 1e-25, after which log|R_jj| = log|μ_j| up to
     * rounding (~1e-15 per step, averaged).
     */
    public static final double LINEAR_MAP = 1e-12;

    /**
     * Logistic map at r = 4 over n = 1e5 steps: log|f'| is cohomologous to ln 2 (conjugacy x = sin²(πθ/2) to the
     * tent map), so the finite-n estimate is exactly ln 2 + [½ln(x_n(1−x_n)) − ½ln(x_0(1−x_0))]/n: the error is
     * O(1/n), not O(1/√n), and exceeds 1e-4 only if x_n(1−x_n) &lt; e^{−20} (probability ~3e-5 per run).
     */
    public static final double LOGISTIC = 1e-4;

    /**
     * The telescoping identity above, evaluated on the computed orbit: rounding x_{t+1} by a relative δ ~ 2e-16
     * breaks that step's identity by ~δ/(1 − x_{t+1}); over n = 1e5 steps the closest approach to 1 is typically
     * 1 − x ~ 1/n² = 1e-10, so the averaged residual stays ~1e-11 at worst.
     */
    public static final double LOGISTIC_IDENTITY = 1e-10;

    /**
     * Σ_j λ_j over the full spectrum against the mean of log|det J_t| (LU with partial pivoting) on the same
     * trajectory: algebraically equal (|det(J·Q)| = Π|R_jj| for orthogonal Q); both are backward stable, so they
     * differ by ~ε·κ(J) per step, κ ≲ 1e3 for the moderate-gain network used.
     */
    public static final double DETERMINANT_IDENTITY = 1e-10;

    /**
     * RW = 0 (constant gates): λ_j against log σ(b_f) sorted, n₀ = 1000, n = 5000. The c-tangent dynamics is the
     * constant diag(f), so by Cauchy–Binet the j-volume growth of the frame lies between Π_{i≤j} f_(i)^n·|det Q_top|
     * and Π_{i≤j} f_(i)^n: the error is O(|log det Q_top|/n), not exponentially small, with |log det| of a few
     * after the transient; 1e-3 = 5/n.
     */
    public static final double FORGET_GATES = 1e-3;

    private LyapunovTolerances() {
    }
}
