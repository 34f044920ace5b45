package org.descentobservatory.analyzer.compute;

import org.descentobservatory.blas.Dgemm;
import org.descentobservatory.blas.Shares;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * The part shared by {@link LstmCell} and {@link SimpleRnnCell}: a recurrent cell whose input term is the drive
 * x·W + b of width gates·H, so the drive of token t is row t of the table E_tok·W + b, computed once per network,
 * and the drive of the zero input x = 0 is b; and the step loop both cells run. Subclasses add the state and the
 * gate arithmetic of one chunk of trajectories.
 *
 * <p>How a step runs (N trajectories, chunks of {@link BatchedState#CHUNK_ROWS}, optionally split over threads):
 * per chunk, one OpenBLAS
 * {@code cblas_dgemm} z = h·RW called straight through JavaCPP ({@link Dgemm}) on h's native memory, then the drive
 * added and the gate non-linearities and state updates in fused loops over primitive arrays ({@link Activations}).
 * No ND4J operation per step: ND4J's ~20 µs per call and its scalar transcendental loops made the element-wise work
 * cost several times the gemm (docs/benchmarks.md). A token step reads the drive rows straight out of the table.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code LSTMHelpers.activateHelper} and {@code SimpleRnn}, which both
 * compute x·W + b for the whole sequence before the recurrence. Immutable, so shareable between threads.
 *
 * @param <S> the state the cell advances
 */
public abstract class TokenDrivenCell<S extends BatchedState> implements RecurrentCell<S> {

    /** θ, DOUBLE. */
    protected final RecurrentParameters theta;
    /** gates·H, the width of z. */
    final int width;
    /** E_tok·W + b, [V, gates·H] row-major: the drive of every token. */
    private final double[] tokenDrives;
    /** b, the drive of the zero input. */
    private final double[] bias;
    /** RW, [H, gates·H] row-major, direct: the gemm's B. Read-only once built. */
    private final DoubleBuffer recurrentWeights;

    /** Precomputes E_tok·W + b. Cost: one V×E by E×(gates·H) gemm and copies of it, RW and b. */
    protected TokenDrivenCell(RecurrentParameters theta) {
        this.theta = theta;
        this.width = (int) theta.b().columns();
        this.bias = rowMajor(theta.b());
        this.tokenDrives = tokenDriveTable(theta, bias);
        double[] rw = rowMajor(theta.rw());
        this.recurrentWeights = ByteBuffer.allocateDirect(rw.length * Double.BYTES).order(ByteOrder.nativeOrder())
                .asDoubleBuffer().put(rw).clear();
    }

    /**
     * E_tok·W + b row-major, by OpenBLAS straight into a buffer ({@link Dgemm}): ND4J's mmul and the copy of its
     * column-major result took ~14 ms for V = 2000, this ~2 ms, paid by every analysis that builds a cell.
     */
    private static double[] tokenDriveTable(RecurrentParameters theta, double[] bias) {
        int v = theta.vocabularySize();
        int e = (int) theta.w().rows();
        int width = bias.length;
        // b in every row, then C = E_tok·W + 1·C: no element-wise loop, which would run interpreted (once per cell).
        DoubleBuffer product = Dgemm.direct(v * width);
        for (int t = 0; t < v; t++) {
            product.put(t * width, bias);
        }
        Dgemm.multiply(false, false, v, width, e, Dgemm.direct(v * e).put(0, rowMajor(theta.eTok())),
                Dgemm.direct(e * width).put(0, rowMajor(theta.w())), 1, product);
        double[] table = new double[v * width];
        product.get(0, table);
        return table;
    }

    private static double[] rowMajor(INDArray matrix) {
        return matrix.dup('c').data().asDouble();
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
        double[] rows = new double[tokens.length * width];
        for (int r = 0; r < tokens.length; r++) {
            System.arraycopy(tokenDrives, tokens[r] * width, rows, r * width, width);
        }
        return Nd4j.create(rows, new long[]{tokens.length, width}, 'c');
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
        return Nd4j.zeros(DataType.DOUBLE, trajectories, width).addiRowVector(theta.b());
    }

    /**
     * Advances {@code s} by one step driven by {@code drive} (any of the drives above, [N, gates·H]). Cost: a copy of
     * the drive, then as {@link #stepZeroInput}.
     *
     * @throws IllegalArgumentException if the drive's shape does not fit
     */
    @Override
    public final void step(INDArray drive, S s) {
        int n = s.trajectories();
        if (drive.rank() != 2 || drive.rows() != n || drive.columns() != width) {
            throw new IllegalArgumentException("The drive must be [" + n + ", " + width + "], is "
                    + Arrays.toString(drive.shape()));
        }
        int[] rowStarts = new int[n];
        for (int r = 0; r < n; r++) {
            rowStarts[r] = r * width;
        }
        advance(new DriveRows(drive.castTo(DataType.DOUBLE).dup('c').data().asDouble(), rowStarts), s);
    }

    /**
     * {@link #step} with the drive of {@code tokens[r]} for trajectory r, read from the table in place.
     *
     * @throws IllegalArgumentException if there is not one token per trajectory or a token is outside [0, V)
     */
    @Override
    public final void stepTokens(int[] tokens, S s) {
        int n = s.trajectories();
        if (tokens.length != n) {
            throw new IllegalArgumentException(tokens.length + " tokens for " + n + " trajectories");
        }
        int[] rowStarts = new int[n];
        for (int r = 0; r < n; r++) {
            if (tokens[r] < 0 || tokens[r] >= vocabularySize()) {
                throw new IllegalArgumentException("Token " + tokens[r] + " is outside the vocabulary [0, "
                        + vocabularySize() + ")");
            }
            rowStarts[r] = tokens[r] * width;
        }
        advance(new DriveRows(tokenDrives, rowStarts), s);
    }

    /**
     * {@link #step} with the zero input's drive b. Cost: 2·N·H·gates·H flops in the gemm, plus the cell's
     * element-wise work.
     */
    @Override
    public final void stepZeroInput(S s) {
        advance(new DriveRows(bias, null), s);
    }

    /**
     * The step of the class comment, the chunks split into one contiguous share per thread of the state
     * ({@link Shares}): the rows are independent and the chunks the same, so the split changes no result.
     */
    private void advance(DriveRows drive, S s) {
        int shares = s.scratch.length;
        Shares.run(shares, shares, share -> advance(drive, s, s.scratch[share],
                Shares.start(share, s.chunks, shares),
                Shares.start(share + 1, s.chunks, shares)));
    }

    /** Chunks [from, to): z = h·RW by OpenBLAS, z + drive, then {@link #activate}. */
    private void advance(DriveRows drive, S s, BatchedState.Scratch scratch, int from, int to) {
        int n = s.trajectories();
        for (int chunk = from; chunk < to; chunk++) {
            int first = chunk * s.chunkRows;
            int rows = Math.min(s.chunkRows, n - first);
            Dgemm.multiply(false, false, rows, width, hiddenSize(), s.hiddenFrom(first), recurrentWeights, 0,
                    scratch.products);
            scratch.addDrive(drive, first, rows, hiddenSize());
            activate(first, rows, s, scratch);
        }
    }

    /**
     * The cell's gate arithmetic for trajectories [first, first + rows): reads z + drive from the gate blocks of
     * {@code scratch} and writes the new state of those rows in place.
     */
    abstract void activate(int first, int rows, S s, BatchedState.Scratch scratch);
}
