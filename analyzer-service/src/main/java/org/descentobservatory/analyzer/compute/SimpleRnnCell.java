package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One vanilla-RNN time step for N trajectories at once, in double precision, exactly as Deeplearning4j's
 * {@code SimpleRnn} layer (no layer normalisation) computes it (row vectors):
 * <pre>
 * h' = tanh(x·W + h·RW + b)                    [N, H]
 * </pre>
 * As for {@link LstmCell}, the input term x·W + b is the drive ({@link TokenDrivenCell}): row t of E_tok·W + b for
 * token t, b for x = 0.
 * A step costs one N×H by H×H gemm plus O(N·H) element-wise work.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code org.deeplearning4j.nn.layers.recurrent.SimpleRnn} (the activation
 * applied to x·W + h·RW + b; checked against {@code rnnTimeStep} in the tests); Elman (1990) for the network.
 * The cell is immutable and can be shared between threads; each thread needs its own {@link SimpleRnnState}.
 */
public final class SimpleRnnCell extends TokenDrivenCell<SimpleRnnState> {

    /** Precomputes E_tok·W + b. Cost: one V×E by E×H gemm. */
    public SimpleRnnCell(SimpleRnnParameters theta) {
        super(theta);
    }

    /** N trajectories starting from h = 0. */
    @Override
    public SimpleRnnState zeroState(int trajectories) {
        return SimpleRnnState.zeros(trajectories, hiddenSize());
    }

    /** Cost: 2·N·H² flops for h·RW, plus ~N·H element-wise. */
    @Override
    public void step(INDArray drive, SimpleRnnState s) {
        INDArray z = s.z.assign(drive);
        Nd4j.gemm(s.h(), theta.rw(), z, false, false, 1.0, 1.0);
        s.h().assign(Transforms.tanh(z, false));
    }
}
