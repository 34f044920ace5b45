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
    /** The gates and coefficients of the last batch of trajectories {@link #gates} saw; replaced by a larger batch. */
    private Gates gates;
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
        this.gates = new Gates(1, hh);
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
        Gates x = gates(s, next, 1, 0);
        Arrays.fill(jacobian, hh * n, n * n, 0);
        for (int m = 0; m < hh; m++) {
            // c-columns: ∂c'_m/∂c_m = f_m, ∂h'_m/∂c_m = o_m(1 − tanh²c'_m)·f_m.
            jacobian[(hh + m) * n + m] = x.outputGain[m] * x.f[m];
            jacobian[(hh + m) * n + hh + m] = x.f[m];
        }
        for (int j = 0; j < hh; j++) {
            int row = j * 4 * hh;
            int column = j * n;
            for (int m = 0; m < hh; m++) {
                double dcdh = x.coefficientG[m] * rw[row + m] + x.coefficientF[m] * rw[row + hh + m]
                        + x.coefficientI[m] * rw[row + 3 * hh + m];
                jacobian[column + hh + m] = dcdh;
                jacobian[column + m] = x.coefficientO[m] * rw[row + 2 * hh + m] + x.outputGain[m] * dcdh;
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
        Gates x = gates(states, states, count, tangentRows);
        for (int p = 0; p < count; p++) {
            int u = p * hh;
            for (int r = p * k; r < (p + 1) * k; r++) {
                int column = r * n;
                int drive = r * 4 * hh;
                for (int m = 0; m < hh; m++) {
                    dc[m] = x.f[u + m] * tangents[column + hh + m] + x.coefficientG[u + m] * zRows[drive + m]
                            + x.coefficientF[u + m] * zRows[drive + hh + m]
                            + x.coefficientI[u + m] * zRows[drive + 3 * hh + m];
                }
                System.arraycopy(dc, 0, tangents, column + hh, hh);
                for (int m = 0; m < hh; m++) {
                    tangents[column + m] = x.coefficientO[u + m] * zRows[drive + 2 * hh + m]
                            + x.outputGain[u + m] * dc[m];
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
     * The gates of trajectories p = 0 … count−1, states read from {@code from}[p·2H, (p + 1)·2H) with z − b = h·RW
     * in row {@code firstZRow} + p of {@link #zRows}; s' = F(s) written to {@code to} at the same place (may be
     * {@code from}: it is read first); returns the gates and the coefficients of the class comment, unit m of
     * trajectory p at p·H + m. All trajectories at once, so that every loop but the first runs over count·H values
     * (loops over H = 60 values alone run mostly in C2's scalar post-loop). Cost: ~20H flops and 5H activations per
     * trajectory.
     */
    private Gates gates(double[] from, double[] to, int count, int firstZRow) {
        int hh = hiddenSize;
        int n = 2 * hh;
        int length = count * hh;
        if (gates.capacity < count) {
            gates = new Gates(count, hh);
        }
        Gates x = gates;
        for (int p = 0; p < count; p++) {
            int z = (firstZRow + p) * 4 * hh;
            int u = p * hh;
            for (int m = 0; m < hh; m++) {
                x.g[u + m] = zRows[z + m] + b[m];
                x.f[u + m] = zRows[z + hh + m] + b[hh + m];
                x.o[u + m] = zRows[z + 2 * hh + m] + b[2 * hh + m];
                x.i[u + m] = zRows[z + 3 * hh + m] + b[3 * hh + m];
            }
            System.arraycopy(from, p * n + hh, x.c, u, hh);
        }
        x.activations.tanh(x.g, length);
        x.activations.sigmoid(x.f, length);
        x.activations.sigmoid(x.o, length);
        x.activations.sigmoid(x.i, length);
        for (int k = 0; k < length; k++) {
            x.coefficientG[k] = x.i[k] * (1 - x.g[k] * x.g[k]);
            x.coefficientI[k] = x.g[k] * x.i[k] * (1 - x.i[k]);
        }
        for (int k = 0; k < length; k++) {
            double c = x.c[k];
            x.coefficientF[k] = c * x.f[k] * (1 - x.f[k]);
            double cPrime = x.f[k] * c + x.i[k] * x.g[k];
            x.c[k] = cPrime;
            x.tanhC[k] = cPrime;
        }
        x.activations.tanh(x.tanhC, length);
        for (int k = 0; k < length; k++) {
            double t = x.tanhC[k];
            x.h[k] = x.o[k] * t;
            x.coefficientO[k] = t * x.o[k] * (1 - x.o[k]);
            x.outputGain[k] = x.o[k] * (1 - t * t);
        }
        for (int p = 0; p < count; p++) {
            System.arraycopy(x.h, p * hh, to, p * n, hh);
            System.arraycopy(x.c, p * hh, to, p * n + hh, hh);
        }
        return x;
    }

    /**
     * The gates g, f, o, i (f is ∂c'/∂c), h' and c', and the coefficients of δz in δc' and δh' (class comment) of a
     * batch of up to {@link #capacity} trajectories, [count, H] row-major each: of δz_g, δz_f, δz_o, δz_i, and
     * ∂h'_m/∂c'_m = o_m(1 − tanh²(c'_m)) ({@link #outputGain}).
     */
    private static final class Gates {

        final int capacity;
        final double[] g;
        final double[] f;
        final double[] o;
        final double[] i;
        /** c, then c'. */
        final double[] c;
        final double[] h;
        /** c', then tanh(c'). */
        final double[] tanhC;
        final double[] coefficientG;
        final double[] coefficientF;
        final double[] coefficientO;
        final double[] coefficientI;
        final double[] outputGain;
        final Activations activations;

        Gates(int capacity, int hiddenSize) {
            int length = capacity * hiddenSize;
            this.capacity = capacity;
            this.g = new double[length];
            this.f = new double[length];
            this.o = new double[length];
            this.i = new double[length];
            this.c = new double[length];
            this.h = new double[length];
            this.tanhC = new double[length];
            this.coefficientG = new double[length];
            this.coefficientF = new double[length];
            this.coefficientO = new double[length];
            this.coefficientI = new double[length];
            this.outputGain = new double[length];
            this.activations = new Activations(length);
        }
    }
}
