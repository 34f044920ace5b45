package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;

import java.util.Arrays;

/**
 * The zero-input LSTM map F: s = (h, c) ↦ s' = (h', c') on R^{2H} and its analytic 2H×2H Jacobian
 * J = ∂(h', c')/∂(h, c): the autonomous dynamics the asymptotic-distance protocol runs after the tokens, as a
 * {@link MapWithJacobian} for {@link LyapunovSpectrum}.
 *
 * <p>The map, Deeplearning4j's LSTM with x = 0 (row vectors, gate blocks (g, f, o, i) of width H, no peepholes;
 * the same map as {@code LstmCell.step} with {@code zeroInputDrive}):
 * <pre>
 * z  = h·RW + b                       so ∂z_k/∂h_j = RW[j, k]
 * g = tanh(z_g)  f = σ(z_f)  o = σ(z_o)  i = σ(z_i)       (z_g = z[0:H], z_f = z[H:2H], z_o = z[2H:3H], z_i = z[3H:4H])
 * c' = f∘c + i∘g
 * h' = o∘tanh(c')
 * </pre>
 * Its Jacobian, with RW_x the H×H column block of RW feeding gate x (so ∂z_x/∂h = RW_xᵀ, row m = column m of RW_x),
 * σ' = σ(1 − σ) and tanh' = 1 − tanh²:
 * <pre>
 * ∂c'/∂c = diag(f)
 * ∂c'/∂h = diag(c)·diag(f(1−f))·RW_fᵀ + diag(g)·diag(i(1−i))·RW_iᵀ + diag(i)·diag(1−g²)·RW_gᵀ
 * ∂h'/∂c = diag(o)·diag(1−tanh²(c'))·diag(f)
 * ∂h'/∂h = diag(tanh(c'))·diag(o(1−o))·RW_oᵀ + diag(o)·diag(1−tanh²(c'))·∂c'/∂h
 * </pre>
 * i.e. entrywise, for output unit m and input unit j,
 * ∂c'_m/∂h_j = c_m f_m(1−f_m) RW[j, H+m] + g_m i_m(1−i_m) RW[j, 3H+m] + i_m(1−g_m²) RW[j, m] and
 * ∂h'_m/∂h_j = tanh(c'_m) o_m(1−o_m) RW[j, 2H+m] + o_m(1−tanh²(c'_m)) ∂c'_m/∂h_j; both c-blocks are diagonal
 * because c enters only through f∘c.
 *
 * <p>State layout: s[0, H) = h, s[H, 2H) = c; the Jacobian is column-major ({@link MapWithJacobian}).
 * Verified against central differences of {@code LstmCell} (tests). Reference for the object: Engelken, Wolf &amp;
 * Abbott, "Lyapunov spectra of chaotic recurrent neural networks" (arXiv:2006.02427, 2020), who linearise
 * the full state of the recurrent network; for an LSTM that is (h, c), not h with c held fixed.
 *
 * <p>Cost per {@link #step}: 8H² flops for z = h·RW, ~10H² for the h-columns of J, 4H² stores for the mostly zero
 * c-columns. Holds scratch arrays: not thread-safe, one instance per thread.
 */
public final class LstmJacobian implements MapWithJacobian {

    private final int hiddenSize;
    /** RW, row-major H×4H: row j holds ∂z/∂h_j. */
    private final double[] rw;
    private final double[] b;
    /** z, then the gate values, then the h-column coefficients, in place (4H). */
    private final double[] gates;
    /** ∂h'_m/∂c'_m = o_m(1 − tanh²(c'_m)) (H). */
    private final double[] outputGain;

    /** Copies RW and b out of θ (E_tok and W are irrelevant at x = 0). Cost: 4H² + 4H copies. */
    public LstmJacobian(LstmParameters theta) {
        this.hiddenSize = theta.hiddenSize();
        this.rw = theta.rw().dup('c').data().asDouble();
        this.b = theta.b().toDoubleVector();
        this.gates = new double[4 * hiddenSize];
        this.outputGain = new double[hiddenSize];
    }

    /** H, the number of LSTM units; the state has 2H coordinates. */
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int dimension() {
        return 2 * hiddenSize;
    }

    /**
     * s' = F(s) and J(s) per the class comment. Preconditions: {@code s}, {@code next} of length 2H, distinct;
     * {@code jacobian} of length 4H². Cost: ~18H² flops plus 4H² stores.
     */
    @Override
    public void step(double[] s, double[] next, double[] jacobian) {
        int hh = hiddenSize;
        int n = 2 * hh;
        if (s.length != n || next.length != n || jacobian.length != n * n) {
            throw new IllegalArgumentException("Zero-input LSTM with H = " + hh + " needs s, s' of length " + n
                    + " and J of length " + n * n + ", got " + s.length + ", " + next.length + ", " + jacobian.length);
        }
        // z = b + Σ_j h_j·RW[j, :], row by row so the inner loop is a contiguous axpy.
        System.arraycopy(b, 0, gates, 0, 4 * hh);
        for (int j = 0; j < hh; j++) {
            double hj = s[j];
            int row = j * 4 * hh;
            for (int k = 0; k < 4 * hh; k++) {
                gates[k] += hj * rw[row + k];
            }
        }
        for (int k = 0; k < hh; k++) {
            gates[k] = Math.tanh(gates[k]);
        }
        for (int k = hh; k < 4 * hh; k++) {
            gates[k] = 1 / (1 + Math.exp(-gates[k]));
        }
        Arrays.fill(jacobian, hh * n, n * n, 0);
        for (int m = 0; m < hh; m++) {
            double g = gates[m];
            double f = gates[hh + m];
            double o = gates[2 * hh + m];
            double i = gates[3 * hh + m];
            double cPrime = f * s[hh + m] + i * g;
            double tanhC = Math.tanh(cPrime);
            next[hh + m] = cPrime;
            next[m] = o * tanhC;
            outputGain[m] = o * (1 - tanhC * tanhC);
            // c-columns: ∂c'_m/∂c_m = f_m, ∂h'_m/∂c_m = o_m(1 − tanh²c'_m)·f_m.
            jacobian[(hh + m) * n + m] = outputGain[m] * f;
            jacobian[(hh + m) * n + hh + m] = f;
            // The gate slots of unit m now take its h-column coefficients: f, o, i, g are no longer needed.
            gates[m] = i * (1 - g * g);
            gates[hh + m] = s[hh + m] * f * (1 - f);
            gates[2 * hh + m] = tanhC * o * (1 - o);
            gates[3 * hh + m] = g * i * (1 - i);
        }
        for (int j = 0; j < hh; j++) {
            int row = j * 4 * hh;
            int column = j * n;
            for (int m = 0; m < hh; m++) {
                double dcdh = gates[m] * rw[row + m] + gates[hh + m] * rw[row + hh + m]
                        + gates[3 * hh + m] * rw[row + 3 * hh + m];
                jacobian[column + hh + m] = dcdh;
                jacobian[column + m] = gates[2 * hh + m] * rw[row + 2 * hh + m] + outputGain[m] * dcdh;
            }
        }
    }
}
