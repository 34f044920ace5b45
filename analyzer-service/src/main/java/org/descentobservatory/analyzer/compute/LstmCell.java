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
     * Cost: 5 exponentials and ~12 other flops per unit.
     */
    @Override
    void activate(int first, int rows, LstmState s, BatchedState.Scratch scratch) {
        int h = hiddenSize();
        double[] g = scratch.blocks[0];
        double[] f = scratch.blocks[1];
        double[] o = scratch.blocks[2];
        double[] i = scratch.blocks[3];
        double[] c = scratch.blocks[LstmState.CELL_BLOCK];
        int length = rows * h;
        scratch.activations.tanh(g, length);
        scratch.activations.sigmoid(f, length);
        scratch.activations.sigmoid(o, length);
        scratch.activations.sigmoid(i, length);
        s.cells.get(first * h, c, 0, length);
        // g is free once read: it takes c', then h' = o∘tanh(c').
        for (int k = 0; k < length; k++) {
            double next = c[k] * f[k] + i[k] * g[k];
            c[k] = next;
            g[k] = next;
        }
        s.cells.put(first * h, c, 0, length);
        scratch.activations.tanhTimes(g, o, length);
        s.hidden.put(first * h, g, 0, length);
    }
}
