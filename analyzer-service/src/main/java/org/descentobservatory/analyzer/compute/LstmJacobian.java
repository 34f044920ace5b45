package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.descentobservatory.analyzer.compute.lyapunov.TangentMap;
import org.descentobservatory.blas.Dgemm;

import java.nio.DoubleBuffer;
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
 * <p>J·Q without J ({@link #advance}, the map's {@link TangentMap}): for a tangent vector (δh, δc) the formulas above
 * give, with δz = δh·RW (one row of 4H),
 * <pre>
 * δc'_m = f_m δc_m + c_m f_m(1−f_m) δz_f,m + g_m i_m(1−i_m) δz_i,m + i_m(1−g_m²) δz_g,m
 * δh'_m = tanh(c'_m) o_m(1−o_m) δz_o,m + o_m(1−tanh²(c'_m)) δc'_m
 * </pre>
 * so the k columns of Q cost one k×H by H×4H product plus O(Hk) element-wise work, and a batch of trajectories
 * stacks all its tangent vectors' δh, and its states' h, as rows of one gemm (OpenBLAS, {@link Dgemm}) — the same
 * 8H²k flops as the dense J·Q but without forming J (~10H² flops and 4H² stores per step) and in one call per batch.
 *
 * <p>The gates: {@link Activations} (within 2.3e-16 of the correctly rounded σ and tanh, as {@code LstmCell}), and
 * z − b = h·RW by the same gemm in {@link #step} as in {@link #advance}, so both follow the same trajectory to the
 * last bit whatever the batch ({@link #multiply}).
 *
 * <p>Cost per {@link #step}: 8H² flops for z = h·RW, ~10H² for the h-columns of J, 4H² stores for the mostly zero
 * c-columns; per trajectory of {@link #advance}: 8H² for z and 8H²k for δz (one gemm per batch), ~12Hk element-wise.
 * Holds scratch: not thread-safe, one instance per thread.
 */
public final class LstmJacobian implements MapWithJacobian, TangentMap {

    private final int hiddenSize;
    /** RW, row-major H×4H: row j holds ∂z/∂h_j. */
    private final double[] rw;
    private final double[] b;
    private final Activations activations;
    /** The gates g, f, o, i of the last trajectory {@link #gates} saw (H each; f is ∂c'/∂c). */
    private final double[] g;
    private final double[] f;
    private final double[] o;
    private final double[] i;
    /** tanh(c'_m) (H). */
    private final double[] tanhC;
    /**
     * The coefficients of δz in δc' and δh' (class comment), per unit: of δz_g, δz_f, δz_o, δz_i (H each), and
     * ∂h'_m/∂c'_m = o_m(1 − tanh²(c'_m)).
     */
    private final double[] coefficientG;
    private final double[] coefficientF;
    private final double[] coefficientO;
    private final double[] coefficientI;
    private final double[] outputGain;
    /** δc' of one tangent vector (H). */
    private final double[] dc;
    /** RW, the gemm's B, direct. */
    private final DoubleBuffer rwBuffer;
    /**
     * The gemm's rows: A = the δh of the batch's tangent vectors, then its h (direct, [rows, H]); the product
     * δh·RW, h·RW, direct and on the heap ([rows, 4H]). Grown when a batch needs more rows.
     */
    private DoubleBuffer hRows;
    private DoubleBuffer zBuffer;
    private double[] zRows;

    /** Copies RW and b out of θ (E_tok and W are irrelevant at x = 0). Cost: 4H² + 4H copies. */
    public LstmJacobian(LstmParameters theta) {
        this.hiddenSize = theta.hiddenSize();
        this.rw = theta.rw().dup('c').data().asDouble();
        this.b = theta.b().toDoubleVector();
        int hh = hiddenSize;
        this.activations = new Activations(hh);
        this.g = new double[hh];
        this.f = new double[hh];
        this.o = new double[hh];
        this.i = new double[hh];
        this.tanhC = new double[hh];
        this.coefficientG = new double[hh];
        this.coefficientF = new double[hh];
        this.coefficientO = new double[hh];
        this.coefficientI = new double[hh];
        this.outputGain = new double[hh];
        this.dc = new double[hh];
        this.rwBuffer = Dgemm.direct(rw.length).put(0, rw);
        reserve(1);
    }

    /** H, the number of LSTM units; the state has 2H coordinates. */
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int dimension() {
        return 2 * hiddenSize;
    }

    /** This map itself: it forms J·Q without J ({@link #advance}). */
    @Override
    public TangentMap tangentMap() {
        return this;
    }

    /**
     * s' = F(s) and J(s) per the class comment. Preconditions: {@code s}, {@code next} of length 2H, distinct;
     * {@code jacobian} of length 4H². Cost: ~18H² flops (8H² in a 1×H by H×4H gemm) plus 4H² stores.
     */
    @Override
    public void step(double[] s, double[] next, double[] jacobian) {
        int hh = hiddenSize;
        int n = 2 * hh;
        if (s.length != n || next.length != n || jacobian.length != n * n) {
            throw new IllegalArgumentException("Zero-input LSTM with H = " + hh + " needs s, s' of length " + n
                    + " and J of length " + n * n + ", got " + s.length + ", " + next.length + ", " + jacobian.length);
        }
        hRows.put(0, s, 0, hh);
        multiply(1);
        gates(s, 0, 0, next, 0);
        Arrays.fill(jacobian, hh * n, n * n, 0);
        for (int m = 0; m < hh; m++) {
            // c-columns: ∂c'_m/∂c_m = f_m, ∂h'_m/∂c_m = o_m(1 − tanh²c'_m)·f_m.
            jacobian[(hh + m) * n + m] = outputGain[m] * f[m];
            jacobian[(hh + m) * n + hh + m] = f[m];
        }
        for (int j = 0; j < hh; j++) {
            int row = j * 4 * hh;
            int column = j * n;
            for (int m = 0; m < hh; m++) {
                double dcdh = coefficientG[m] * rw[row + m] + coefficientF[m] * rw[row + hh + m]
                        + coefficientI[m] * rw[row + 3 * hh + m];
                jacobian[column + hh + m] = dcdh;
                jacobian[column + m] = coefficientO[m] * rw[row + 2 * hh + m] + outputGain[m] * dcdh;
            }
        }
    }

    /**
     * s_p ← F(s_p) and Q_p ← J(s_p)·Q_p per the class comment, for trajectories 0 … count−1 (layout of
     * {@link TangentMap#advance}). Cost: one (count·(k + 1))×H by H×4H gemm (the tangents' δz and the states' z),
     * then per trajectory ~12Hk flops and 5H activations element-wise.
     */
    @Override
    public void advance(double[] states, double[] tangents, int count, int k) {
        int hh = hiddenSize;
        int n = 2 * hh;
        int tangentRows = count * k;
        if (states.length < count * n || tangents.length < count * n * k) {
            throw new IllegalArgumentException("Zero-input LSTM with H = " + hh + ": " + count + " trajectories with "
                    + k + " tangents need " + count * n + " and " + count * n * k + " values, got " + states.length
                    + " and " + tangents.length);
        }
        reserve(tangentRows + count);
        // Column j of Q_p, (δh, δc), is n contiguous values at (p·k + j)·n: its δh is row p·k + j of the gemm's A;
        // h_p is row count·k + p.
        for (int r = 0; r < tangentRows; r++) {
            hRows.put(r * hh, tangents, r * n, hh);
        }
        for (int p = 0; p < count; p++) {
            hRows.put((tangentRows + p) * hh, states, p * n, hh);
        }
        multiply(tangentRows + count);
        for (int p = 0; p < count; p++) {
            gates(states, p * n, (tangentRows + p) * 4 * hh, states, p * n);
            for (int r = p * k; r < (p + 1) * k; r++) {
                int column = r * n;
                int drive = r * 4 * hh;
                for (int m = 0; m < hh; m++) {
                    dc[m] = f[m] * tangents[column + hh + m] + coefficientG[m] * zRows[drive + m]
                            + coefficientF[m] * zRows[drive + hh + m] + coefficientI[m] * zRows[drive + 3 * hh + m];
                }
                System.arraycopy(dc, 0, tangents, column + hh, hh);
                for (int m = 0; m < hh; m++) {
                    tangents[column + m] = coefficientO[m] * zRows[drive + 2 * hh + m] + outputGain[m] * dc[m];
                }
            }
        }
    }

    /** Direct buffers for a gemm of at least {@code rows} rows (plus the padding of {@link #multiply}). */
    private void reserve(int rows) {
        int gemmRows = rows + (rows & 1);
        if (zRows == null || zRows.length < gemmRows * 4 * hiddenSize) {
            hRows = Dgemm.direct(gemmRows * hiddenSize);
            zBuffer = Dgemm.direct(gemmRows * 4 * hiddenSize);
            zRows = new double[gemmRows * 4 * hiddenSize];
        }
    }

    /**
     * zRows[0, rows·4H) = rows [0, rows) of {@link #hRows}·RW, by OpenBLAS. The gemm gets an even row count: OpenBLAS
     * 0.3.19 computes the last row of an odd M by its one-row kernel, whose sums differ in the last bit from the 2-
     * and 4-row kernels'; padded, each row comes out the same whatever the batch, so {@link #step} and
     * {@link #advance} follow the same trajectory and splitting the probes over threads changes no digit (the
     * padding row's product is ignored).
     */
    private void multiply(int rows) {
        Dgemm.multiply(false, false, rows + (rows & 1), 4 * hiddenSize, hiddenSize, hRows, rwBuffer, 0, zBuffer);
        zBuffer.get(0, zRows, 0, rows * 4 * hiddenSize);
    }

    /**
     * The gates at s = {@code s}[from, from + 2H) with z − b = h·RW read from {@link #zRows} at {@code drive}, s' = F(s)
     * into {@code next}[to, to + 2H) (may be the same range: s is read first), and the coefficients of the class
     * comment into the fields. Cost: ~20H flops and 5H activations.
     */
    private void gates(double[] s, int from, int drive, double[] next, int to) {
        int hh = hiddenSize;
        for (int m = 0; m < hh; m++) {
            g[m] = zRows[drive + m] + b[m];
            f[m] = zRows[drive + hh + m] + b[hh + m];
            o[m] = zRows[drive + 2 * hh + m] + b[2 * hh + m];
            i[m] = zRows[drive + 3 * hh + m] + b[3 * hh + m];
        }
        activations.tanh(g, hh);
        activations.sigmoid(f, hh);
        activations.sigmoid(o, hh);
        activations.sigmoid(i, hh);
        for (int m = 0; m < hh; m++) {
            double c = s[from + hh + m];
            double cPrime = f[m] * c + i[m] * g[m];
            tanhC[m] = cPrime;
            coefficientG[m] = i[m] * (1 - g[m] * g[m]);
            coefficientF[m] = c * f[m] * (1 - f[m]);
            coefficientI[m] = g[m] * i[m] * (1 - i[m]);
            next[to + hh + m] = cPrime;
        }
        activations.tanh(tanhC, hh);
        for (int m = 0; m < hh; m++) {
            double t = tanhC[m];
            next[to + m] = o[m] * t;
            coefficientO[m] = t * o[m] * (1 - o[m]);
            outputGain[m] = o[m] * (1 - t * t);
        }
    }
}
