package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;

/**
 * The zero-input vanilla-RNN map F: h ↦ h' on R^H and its analytic H×H Jacobian J = ∂h'/∂h: the autonomous
 * dynamics the asymptotic-distance protocol runs after the tokens, as a {@link MapWithJacobian} for
 * {@link LyapunovSpectrum}.
 *
 * <p>The map, Deeplearning4j's {@code SimpleRnn} with x = 0 (row vectors; the same map as {@code SimpleRnnCell.step}
 * with {@code zeroInputDrive}), and its Jacobian with tanh' = 1 − tanh²:
 * <pre>
 * z  = h·RW + b                       so ∂z_m/∂h_j = RW[j, m]
 * h' = tanh(z)
 * J  = diag(1 − h'²)·RWᵀ              i.e. ∂h'_m/∂h_j = (1 − h'_m²)·RW[j, m]
 * </pre>
 * Column j of J (the response to moving h_j) is row j of RW scaled entrywise by 1 − h'², so with RW row-major the
 * column-major J of {@link MapWithJacobian} is filled by contiguous loops. A unit saturated to |h'_m| = 1 in double
 * precision gives a zero row of J.
 *
 * <p>State layout: s = h. Verified against central differences of {@code SimpleRnnCell} (tests). Reference for the
 * object: Engelken, Wolf &amp; Abbott, "Lyapunov spectra of chaotic recurrent neural networks" (arXiv:2006.02427,
 * 2020), whose rate network h_{t+1} = tanh(h_t·RW + b) is this map; Sompolinsky, Crisanti &amp; Sommers, Phys. Rev.
 * Lett. 61 (1988) 259, for its order-chaos transition at gain 1.
 *
 * <p>Cost per {@link #step}: 2H² flops for z = h·RW and H² for J. Holds a scratch array: not thread-safe, one
 * instance per thread.
 */
public final class SimpleRnnJacobian implements MapWithJacobian {

    private final int hiddenSize;
    /** RW, row-major H×H: row j holds ∂z/∂h_j. */
    private final double[] rw;
    private final double[] b;
    /** 1 − h'², the derivative of tanh at z (H). */
    private final double[] slope;

    /** Copies RW and b out of θ (E_tok and W are irrelevant at x = 0). Cost: H² + H copies. */
    public SimpleRnnJacobian(SimpleRnnParameters theta) {
        this.hiddenSize = theta.hiddenSize();
        this.rw = theta.rw().dup('c').data().asDouble();
        this.b = theta.b().toDoubleVector();
        this.slope = new double[hiddenSize];
    }

    @Override
    public int dimension() {
        return hiddenSize;
    }

    /**
     * h' = F(h) and J(h) per the class comment. Preconditions: {@code s}, {@code next} of length H, distinct;
     * {@code jacobian} of length H². Cost: 3H² flops.
     */
    @Override
    public void step(double[] s, double[] next, double[] jacobian) {
        int hh = hiddenSize;
        if (s.length != hh || next.length != hh || jacobian.length != hh * hh) {
            throw new IllegalArgumentException("Zero-input SimpleRnn with H = " + hh + " needs h, h' of length " + hh
                    + " and J of length " + hh * hh + ", got " + s.length + ", " + next.length + ", "
                    + jacobian.length);
        }
        // z = b + Σ_j h_j·RW[j, :], row by row so the inner loop is a contiguous axpy.
        System.arraycopy(b, 0, next, 0, hh);
        for (int j = 0; j < hh; j++) {
            double hj = s[j];
            int row = j * hh;
            for (int m = 0; m < hh; m++) {
                next[m] += hj * rw[row + m];
            }
        }
        for (int m = 0; m < hh; m++) {
            double hPrime = Math.tanh(next[m]);
            next[m] = hPrime;
            slope[m] = 1 - hPrime * hPrime;
        }
        // Column j of J: ∂h'_m/∂h_j = (1 − h'_m²)·RW[j, m], i.e. row j of RW scaled by the slopes.
        for (int j = 0; j < hh; j++) {
            int row = j * hh;
            for (int m = 0; m < hh; m++) {
                jacobian[row + m] = slope[m] * rw[row + m];
            }
        }
    }
}
