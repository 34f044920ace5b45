package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One vanilla-RNN time step for N trajectories at once, in double precision, exactly as Deeplearning4j's
 * {@code SimpleRnn} layer (no layer normalisation) computes it (row vectors):
 * <pre>
 * h' = tanh(x·W + h·RW + b)                    [N, H]
 * </pre>
 * As for {@link LstmCell}, the input term x·W + b is the drive: row t of E_tok·W + b for token t, b for x = 0.
 * A step costs one N×H by H×H gemm plus O(N·H) element-wise work.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code org.deeplearning4j.nn.layers.recurrent.SimpleRnn} (the activation
 * applied to x·W + h·RW + b; checked against {@code rnnTimeStep} in the tests); Elman (1990) for the network.
 * The cell is immutable and can be shared between threads; each thread needs its own {@link SimpleRnnState}.
 */
public final class SimpleRnnCell implements RecurrentCell<SimpleRnnState> {

    private final SimpleRnnParameters theta;
    private final int hiddenSize;
    /** E_tok·W + b, [V, H]: the drive of every token. */
    private final INDArray tokenDriveTable;

    /** Precomputes E_tok·W + b. Cost: one V×E by E×H gemm. */
    public SimpleRnnCell(SimpleRnnParameters theta) {
        this.theta = theta;
        this.hiddenSize = theta.hiddenSize();
        this.tokenDriveTable = theta.eTok().mmul(theta.w()).addiRowVector(theta.b());
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int vocabularySize() {
        return theta.vocabularySize();
    }

    /** N trajectories starting from h = 0. */
    @Override
    public SimpleRnnState zeroState(int trajectories) {
        return SimpleRnnState.zeros(trajectories, hiddenSize);
    }

    /** [N, H]. Cost: a gather of N rows of H. */
    @Override
    public INDArray tokenDrive(int[] tokens) {
        return Nd4j.pullRows(tokenDriveTable, 1, tokens);
    }

    /** [N, H]. */
    @Override
    public INDArray zeroInputDrive(int trajectories) {
        return Nd4j.zeros(DataType.DOUBLE, trajectories, hiddenSize).addiRowVector(theta.b());
    }

    /** Cost: 2·N·H² flops for h·RW, plus ~N·H element-wise. */
    @Override
    public void step(INDArray drive, SimpleRnnState s) {
        INDArray z = s.z.assign(drive);
        Nd4j.gemm(s.h(), theta.rw(), z, false, false, 1.0, 1.0);
        s.h().assign(Transforms.tanh(z, false));
    }
}
