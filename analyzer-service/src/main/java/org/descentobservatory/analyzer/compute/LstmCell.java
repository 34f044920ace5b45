package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * E_tok·W + b, computed once per network ({@link #tokenDrive}, from {@link TokenDrivenCell}); for the zero input
 * x = 0 it is b ({@link #zeroInputDrive}). So a step costs one N×H by H×4H gemm plus O(N·H) element-wise work.
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

    /**
     * Advances every trajectory of {@code s} by one step, in place. Preconditions: {@code drive} is DOUBLE
     * [N, 4H] with N = {@code s.trajectories()} (from {@link #tokenDrive}, {@link #zeroInputDrive} or
     * {@link #inputDrive}). Cost: 2·N·H·4H flops for h·RW, plus ~12·N·H element-wise.
     */
    @Override
    public void step(INDArray drive, LstmState s) {
        int h = hiddenSize();
        INDArray z = s.z.assign(drive);
        Nd4j.gemm(s.h(), theta.rw(), z, false, false, 1.0, 1.0);
        INDArray g = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray f = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
        INDArray o = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
        INDArray i = z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h));
        Transforms.tanh(g, false);
        Transforms.sigmoid(z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4 * h)), false);
        // c' = f∘c + i∘g; i's block of the scratch z is free to hold i∘g.
        s.c().muli(f).addi(i.muli(g));
        Transforms.tanh(s.tanhC.assign(s.c()), false);
        s.h().assign(o).muli(s.tanhC);
    }
}
