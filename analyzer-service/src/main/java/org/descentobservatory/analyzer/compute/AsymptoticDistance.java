package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Random;

/**
 * The asymptotic distance D̃ of Wei et al., "Multiple Descents in Deep Learning as a Sequence of Order-Chaos
 * Transitions" (arXiv:2505.20030, Sec. III): how far two trajectories of the trained recurrent network (the
 * paper's LSTM, or the vanilla-RNN variant) that start a perturbation ε apart have drifted after T steps. D̃ at
 * the floor means the perturbation died out (order); above it, it survived or grew (chaos).
 *
 * <p>Method, for each probe i with tokens (τ_0 … τ_{L−1}):
 * <ol>
 *   <li>Two trajectories start from c_{−1} = 0 (LSTM only: a vanilla RNN's state is h alone) and h_{−1} = 0
 *       (reference), h'_{−1} = ε·u_i (perturbed), with u_i a random unit vector in R^H drawn from a Gaussian seeded
 *       by {@link Protocol#seed()}.</li>
 *   <li>Step counting: the state after consuming input x_t is (h_t, c_t). Steps t = 0 … L−1 are driven,
 *       x_t = E_tok[τ_t] (drivenSteps = L); steps t = L … T get the zero vector x_t = 0 (not token 0's
 *       embedding). So the cell is applied T + 1 times and h_T is the last state: with the paper's
 *       T = 1599 that is 1600 states h_0 … h_1599, the first 500 driven by a 500-token review.</li>
 *   <li>D_i = ‖h'_T − h_T‖₂ + e^{floorLog} (paper: e^{−15}, the "machine precision adjustment").</li>
 * </ol>
 * Result: D̃ = (1/N) Σ_i log D_i; chaoticFraction = share of probes with ‖h'_T − h_T‖₂ ≥ e^{floorLog}.
 *
 * <p>The reference and perturbed trajectories of all N probes are stacked into one batch of 2N rows, so each
 * step is one 2N×H by H×4H gemm (H×H for a vanilla RNN). Cost: (T + 1)·(16·N·H² + O(N·H)) flops (4·N·H² for a
 * vanilla RNN), memory O(N·H + V·H).
 * Double precision throughout: ε = 1e-8 is below float32's resolution of h.
 */
public final class AsymptoticDistance {

    private AsymptoticDistance() {
    }

    /**
     * The protocol's settings.
     *
     * @param totalSteps T, index of the state read out (paper: {@value #PAPER_TOTAL_STEPS}); T + 1 steps are run
     * @param epsilon    ε, length of the perturbation of h_{−1} (paper: 1e-8)
     * @param floorLog   log of the floor added to every distance (paper: −15)
     * @param seed       seeds the perturbation directions u_i
     */
    public record Protocol(int totalSteps, double epsilon, double floorLog, long seed) {

        public static final int PAPER_TOTAL_STEPS = 1599;
        public static final double PAPER_EPSILON = 1e-8;
        public static final double PAPER_FLOOR_LOG = -15;

        /** Preconditions: T ≥ 0, ε finite and &gt; 0, floorLog finite. */
        public Protocol {
            if (totalSteps < 0) {
                throw new IllegalArgumentException("T must be >= 0, got " + totalSteps);
            }
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
            }
            if (!Double.isFinite(floorLog)) {
                throw new IllegalArgumentException("floorLog must be finite, got " + floorLog);
            }
        }

        /** The paper's T = 1599, ε = 1e-8, floor e^{−15}, with the given seed. */
        public static Protocol paper(long seed) {
            return new Protocol(PAPER_TOTAL_STEPS, PAPER_EPSILON, PAPER_FLOOR_LOG, seed);
        }
    }

    /**
     * The outcome.
     *
     * @param dTilde          D̃ = mean_i log D_i
     * @param chaoticFraction share of probes with ‖h'_T − h_T‖ ≥ e^{floorLog}
     * @param logD            log D_i per probe, in probe order
     * @param drivenSteps     L, steps driven by tokens
     * @param totalSteps      T
     */
    public record Result(double dTilde, double chaoticFraction, double[] logD, int drivenSteps, int totalSteps) {

        public int probeCount() {
            return logD.length;
        }
    }

    /**
     * Runs the protocol on a recurrent cell: an {@link LstmCell} (state (h, c)) or a {@link SimpleRnnCell} (state h),
     * usually from {@link RecurrentCells#of}.
     * Preconditions: at least one probe; all probes of one length L ≤ T + 1; every token in [0, V).
     * Cost: see the class comment (for a SimpleRnn the gemm is H×H instead of H×4H). Measured for an LSTM with the
     * paper's N = 500, L = 500, T = 1599, H = 60 on one busy core of the project's 2-core machines: 15–20 s, of which
     * the gemm is about a tenth; the rest is ND4J's element-wise tanh/sigmoid over the 2N×4H gate block (~1 ms per
     * step each).
     *
     * @param cell     the network's recurrent cell, with its parameters
     * @param probes   {@code probes[i][t]} = τ_t of probe i
     * @param protocol T, ε, floor and seed
     * @throws IllegalArgumentException if a precondition fails, naming it
     */
    public static <S extends RecurrentState> Result measure(RecurrentCell<S> cell, int[][] probes,
                                                            Protocol protocol) {
        int drivenSteps = Probes.requireUniformLength(probes, cell.vocabularySize());
        if (drivenSteps > protocol.totalSteps() + 1) {
            throw new IllegalArgumentException("Probes of " + drivenSteps + " tokens do not fit in T + 1 = "
                    + (protocol.totalSteps() + 1) + " steps");
        }
        int n = probes.length;
        int hiddenSize = cell.hiddenSize();

        // Rows [0, N): reference trajectories; rows [N, 2N): perturbed ones.
        S s = cell.zeroState(2 * n);
        s.h().get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all())
                .assign(perturbations(n, hiddenSize, protocol.epsilon(), protocol.seed()));

        int[] tokens = new int[2 * n];
        for (int t = 0; t < drivenSteps; t++) {
            for (int i = 0; i < n; i++) {
                tokens[i] = probes[i][t];
                tokens[n + i] = probes[i][t];
            }
            cell.step(cell.tokenDrive(tokens), s);
        }
        INDArray zeroInput = cell.zeroInputDrive(2 * n);
        for (int t = drivenSteps; t <= protocol.totalSteps(); t++) {
            cell.step(zeroInput, s);
        }

        INDArray hT = s.h().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray hPrimeT = s.h().get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all());
        double[] distances = hPrimeT.sub(hT).norm2(1).toDoubleVector();
        return summarise(distances, protocol.floorLog(), drivenSteps, protocol.totalSteps());
    }

    /** ε·u_i per row, u_i a unit vector in R^H with a uniformly random direction (normalised Gaussian). */
    static INDArray perturbations(int n, int hiddenSize, double epsilon, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][hiddenSize];
        for (double[] row : rows) {
            double norm;
            do {
                double sumOfSquares = 0;
                for (int j = 0; j < hiddenSize; j++) {
                    row[j] = random.nextGaussian();
                    sumOfSquares += row[j] * row[j];
                }
                norm = Math.sqrt(sumOfSquares);
            } while (norm == 0);
            for (int j = 0; j < hiddenSize; j++) {
                row[j] *= epsilon / norm;
            }
        }
        return Nd4j.createFromArray(rows);
    }

    private static Result summarise(double[] distances, double floorLog, int drivenSteps, int totalSteps) {
        double floor = Math.exp(floorLog);
        double[] logD = new double[distances.length];
        int chaotic = 0;
        for (int i = 0; i < distances.length; i++) {
            logD[i] = Math.log(distances[i] + floor);
            if (distances[i] >= floor) {
                chaotic++;
            }
        }
        double dTilde = Arrays.stream(logD).sum() / logD.length;
        return new Result(dTilde, (double) chaotic / logD.length, logD, drivenSteps, totalSteps);
    }
}
