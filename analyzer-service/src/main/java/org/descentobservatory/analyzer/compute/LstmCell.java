package org.descentobservatory.analyzer.compute;

/**
 * One LSTM time step for N trajectories at once, in double precision, exactly as Deeplearning4j's {@code LSTM}
 * layer computes it (row vectors, no peepholes):
 * <pre>
 * z  = x·W + h·RW + b                          [N, 4H]
 * g  = tanh(z[:, 0:H])     f = σ(z[:, H:2H])    o = σ(z[:, 2H:3H])    i = σ(z[:, 3H:4H])
 * c' = f∘c + i∘g
 * h' = o∘tanh(c')
 * </pre>
 * The input term x·W + b is passed in precomputed as the <em>drive</em>: for a token t it is row t of
 * E_tok·W + b, computed once per network ({@link #tokenDrive}, {@link #stepTokens}, from {@link TokenDrivenCell}); for
 * the zero input x = 0 it is b ({@link #zeroInputDrive}, {@link #stepZeroInput}). So a step costs one N×H by H×4H
 * gemm plus O(N·H) element-wise work, run as {@link TokenDrivenCell} describes.
 *
 * <p>References: Hochreiter &amp; Schmidhuber (1997) for the cell; Deeplearning4j 1.0.0-M2.1
 * {@code LSTMHelpers.activateHelper} for the gate order (g, f, o, i) and the row-vector layout.
 * The cell is immutable and can be shared between threads; each thread needs its own {@link LstmState}.
 */
public final class LstmCell extends TokenDrivenCell<LstmState> {

    /** Precomputes E_tok·W + b. Cost: one V×E by E×4H gemm. */
    public LstmCell(LstmParameters theta) {
        super(theta);
    }

    /** N trajectories starting from h = c = 0. */
    @Override
    public LstmState zeroState(int trajectories) {
        return LstmState.zeros(trajectories, hiddenSize());
    }

    @Override
    public LstmState zeroState(int trajectories, int threads) {
        return new LstmState(trajectories, hiddenSize(), threads);
    }

    /**
     * The gates and (h, c) updates of trajectories [first, first + rows), every loop over rows·H contiguous values.
     * With u_x = e^{−z_x} for the sigmoid gates and u_g = e^{−2z_g}, u_c = e^{−2c'} for the tanh's, the updates are
     * taken over common denominators, two divisions per unit instead of five (a vectorised division costs several
     * multiplications):
     * <pre>
     * c' = f∘c + i∘g = (c·(1+u_i)(1+u_g) + (1−u_g)(1+u_f)) / ((1+u_f)(1+u_i)(1+u_g))
     * h' = o∘tanh(c') = (1−u_c) / ((1+u_o)(1+u_c))
     * </pre>
     * No overflow: each u ≤ e^{{@value Activations#EXP_BOUND}}, so the products stay below e^{120}. Cost: 5
     * exponentials and ~20 other flops per unit.
     */
    @Override
    void activate(int first, int rows, LstmState s, BatchedState.Scratch scratch) {
        int h = hiddenSize();
        double[][] blocks = scratch.blocks;
        double[] g = blocks[0];
        double[] f = blocks[1];
        double[] o = blocks[2];
        double[] i = blocks[3];
        double[] c = blocks[LstmState.CELL_BLOCK];
        // Two arrays of powers 2^n serve the five exponentials, each used as soon as it is made: a smaller working
        // set per chunk.
        double[] powers = blocks[LstmState.POWER_BLOCKS];
        double[] otherPowers = blocks[LstmState.POWER_BLOCKS + 1];
        int length = rows * h;
        Activations.exponential(f, powers, length, -1);
        Activations.exponential(i, otherPowers, length, -1);
        // The denominators of f and i apart: C2 leaves a loop with seven array loads scalar, one with five vectorised.
        for (int k = 0; k < length; k++) {
            f[k] = 1 + f[k] * powers[k];
            i[k] = 1 + i[k] * otherPowers[k];
        }
        Activations.exponential(g, powers, length, -2);
        s.cells.get(first * h, c, 0, length);
        // g is free once read: it takes c', then e^{−2c'} and h'.
        for (int k = 0; k < length; k++) {
            double ug = g[k] * powers[k];
            double denominatorG = 1 + ug;
            double next = (c[k] * i[k] * denominatorG + (1 - ug) * f[k]) / (f[k] * i[k] * denominatorG);
            c[k] = next;
            g[k] = next;
        }
        s.cells.put(first * h, c, 0, length);
        Activations.exponential(o, otherPowers, length, -1);
        Activations.exponential(g, powers, length, -2);
        for (int k = 0; k < length; k++) {
            double uc = g[k] * powers[k];
            g[k] = (1 - uc) / ((1 + o[k] * otherPowers[k]) * (1 + uc));
        }
        s.hidden.put(first * h, g, 0, length);
    }
}
