package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part shared by {@link LstmCell} and {@link SimpleRnnCell}: a recurrent cell whose input term is the drive
 * x·W + b of width gates·H, so the drive of token t is row t of the table E_tok·W + b, computed once per network,
 * and the drive of the zero input x = 0 is b. Subclasses add the state and the step.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code LSTMHelpers.activateHelper} and {@code SimpleRnn}, which both
 * compute x·W + b for the whole sequence before the recurrence. Immutable, so shareable between threads.
 *
 * @param <S> the state the cell advances
 */
public abstract class TokenDrivenCell<S extends RecurrentState> implements RecurrentCell<S> {

    /** θ, DOUBLE. */
    protected final RecurrentParameters theta;
    /** E_tok·W + b, [V, gates·H]: the drive of every token. */
    private final INDArray tokenDriveTable;

    /** Precomputes E_tok·W + b. Cost: one V×E by E×(gates·H) gemm. */
    protected TokenDrivenCell(RecurrentParameters theta) {
        this.theta = theta;
        this.tokenDriveTable = theta.eTok().mmul(theta.w()).addiRowVector(theta.b());
    }

    @Override
    public final int hiddenSize() {
        return theta.hiddenSize();
    }

    @Override
    public final int vocabularySize() {
        return theta.vocabularySize();
    }

    /**
     * The drive E_tok[tokens[n]]·W + b of one token per trajectory, [N, gates·H]. Precondition: every token in
     * [0, V). Cost: a gather of N rows of gates·H.
     */
    @Override
    public final INDArray tokenDrive(int[] tokens) {
        return Nd4j.pullRows(tokenDriveTable, 1, tokens);
    }

    @Override
    public final int inputSize() {
        return (int) theta.w().rows();
    }

    /**
     * The drive x·W + b of N arbitrary input vectors, [N, gates·H]. Precondition: x is [N, {@link #inputSize()}].
     * Cost: one N×E by E×(gates·H) gemm.
     */
    @Override
    public final INDArray inputDrive(INDArray x) {
        return x.castTo(DataType.DOUBLE).mmul(theta.w()).addiRowVector(theta.b());
    }

    /** The drive b of the zero input x = 0 for N trajectories, [N, gates·H]. Reusable across steps. */
    @Override
    public final INDArray zeroInputDrive(int trajectories) {
        return Nd4j.zeros(DataType.DOUBLE, trajectories, theta.b().columns()).addiRowVector(theta.b());
    }
}
