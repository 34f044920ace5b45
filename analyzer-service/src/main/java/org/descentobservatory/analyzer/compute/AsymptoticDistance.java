package org.descentobservatory.analyzer.compute;

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
 * <p>Method, for each probe i with inputs (x_0 … x_{L−1}) (tokens of a classifier, {@link TokenProbes}, or the
 * real-valued series of a forecaster, {@link SeriesProbes}):
 * <ol>
 *   <li>Two trajectories start from c_{−1} = 0 (LSTM only: a vanilla RNN's state is h alone) and h_{−1} = 0: the
 *       reference and the perturbed one. The perturbation ε·u_i, u_i a random unit vector in R^H drawn from a
 *       Gaussian seeded by {@link Protocol#seed()}, is added to the perturbed trajectory's h at the
 *       {@link PerturbationTarget}: h'_{−1} = ε·u_i (the paper's, {@link PerturbationTarget#INITIAL_HIDDEN}), or
 *       h'_{L−1} = h_{L−1} + ε·u_i, the hidden state the probe leaves ({@link PerturbationTarget#DRIVE_END_HIDDEN}),
 *       which isolates the autonomous map from how strongly the drive contracts the perturbation.</li>
 *   <li>Step counting: the state after consuming input x_t is (h_t, c_t). Steps t = 0 … L−1 are driven by the probe
 *       (drivenSteps = L); steps t = L … T are autonomous ({@link AnalysedNetwork.Dynamics}): the zero vector
 *       x_t = 0 for a classifier (not token 0's embedding), the fed-back output for a forecaster. So the cell is
 *       applied T + 1 times and h_T is the last state: with the paper's T = 1599 that is 1600 states
 *       h_0 … h_1599, the first 500 driven by a 500-token review.</li>
 *   <li>D_i = ‖h'_T − h_T‖₂ + e^{floorLog} (paper: e^{−15}, the "machine precision adjustment").</li>
 * </ol>
 * Result: D̃ = (1/N) Σ_i log D_i; chaoticFraction = share of probes with ‖h'_T − h_T‖₂ ≥ e^{floorLog}; the
 * distribution of log D_i ({@link Result#logDQuantiles()}); and per probe the readout r_i = Σ_j h_T,j of the reference
 * trajectory, whose scatter over probes is the paper's bifurcation-diagram view (collapsed: order; spread: chaos).
 *
 * <p>The reference and perturbed trajectories of all N probes are stacked into one batch of 2N rows, so each
 * step is one 2N×H by H×4H gemm (H×H for a vanilla RNN), run by OpenBLAS in chunks with the gates fused
 * ({@link TokenDrivenCell}), optionally split over threads. Cost: (T + 1)·(16·N·H² + O(N·H)) flops (4·N·H² for a
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
     * @param target     where the perturbation is added
     */
    public record Protocol(int totalSteps, double epsilon, double floorLog, long seed, PerturbationTarget target) {

        public static final int PAPER_TOTAL_STEPS = 1599;
        public static final double PAPER_EPSILON = 1e-8;
        public static final double PAPER_FLOOR_LOG = -15;

        /** Preconditions: T ≥ 0, ε finite and &gt; 0, floorLog finite, a target. */
        public Protocol {
            if (target == null) {
                throw new IllegalArgumentException("A perturbation target is needed");
            }
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

        /** The paper's perturbation target, h_{−1}. */
        public Protocol(int totalSteps, double epsilon, double floorLog, long seed) {
            this(totalSteps, epsilon, floorLog, seed, PerturbationTarget.INITIAL_HIDDEN);
        }

        /** The paper's T = 1599, ε = 1e-8, floor e^{−15}, perturbation of h_{−1}, with the given seed. */
        public static Protocol paper(long seed) {
            return new Protocol(PAPER_TOTAL_STEPS, PAPER_EPSILON, PAPER_FLOOR_LOG, seed);
        }
    }

    /** Which hidden state the perturbation ε·u_i is added to. */
    public enum PerturbationTarget {
        /** h_{−1}, before the probe: the paper's choice. */
        INITIAL_HIDDEN,
        /** h_{L−1}, the state the probe leaves, where the autonomous phase starts. */
        DRIVE_END_HIDDEN
    }

    /**
     * The outcome.
     *
     * @param dTilde          D̃ = mean_i log D_i
     * @param chaoticFraction share of probes with ‖h'_T − h_T‖ ≥ e^{floorLog}
     * @param logD            log D_i per probe, in probe order
     * @param readouts        Σ_j h_T,j of each probe's reference trajectory, in probe order
     * @param drivenSteps     L, steps driven by the probes
     * @param totalSteps      T
     */
    public record Result(double dTilde, double chaoticFraction, double[] logD, double[] readouts, int drivenSteps,
                         int totalSteps) {

        public int probeCount() {
            return logD.length;
        }

        /** Nearest-rank quantiles of log D_i at {@link NearestRank#SUMMARY}: min, 5, 25, 50, 75, 95 %, max. */
        public double[] logDQuantiles() {
            return NearestRank.quantiles(logD, NearestRank.SUMMARY);
        }
    }

    /**
     * Runs the protocol on a recurrent cell driven by token probes, the cell's own zero-input map afterwards:
     * {@link #measure(AnalysedNetwork, ProbeInputs, Protocol)} for a classifier, from an {@link LstmCell} (state
     * (h, c)) or a {@link SimpleRnnCell} (state h). Preconditions: at least one probe; all of one length
     * L ≤ T + 1; every token in [0, V).
     *
     * @throws IllegalArgumentException if a precondition fails, naming it
     */
    public static <S extends RecurrentState> Result measure(RecurrentCell<S> cell, int[][] probes,
                                                            Protocol protocol) {
        return run(cell, cell, new TokenProbes(probes), protocol, 1);
    }

    /**
     * Runs the protocol on a network: its driven cell over the probes, then its autonomous map (zero input or
     * closed loop). Preconditions: at least one probe; all of one length L ≤ T + 1; tokens in [0, V) or series of
     * the network's input width. One thread: {@link #measure(AnalysedNetwork, ProbeInputs, Protocol, int)}.
     *
     * @throws IllegalArgumentException if a precondition fails, naming it
     */
    public static Result measure(AnalysedNetwork network, ProbeInputs probes, Protocol protocol) {
        return measure(network, probes, protocol, 1);
    }

    /**
     * {@link #measure(AnalysedNetwork, ProbeInputs, Protocol)} with every step's 2N trajectories split over
     * {@code threads} threads (the same result). Cost: see the class comment. Measured for an LSTM with the paper's
     * N = 500, L = 500, T = 1599, H = 60 in docs/benchmarks.md ({@code AnalyzerJmh.checkpoint}): a few seconds on
     * one core of the project's 2-core machines, the gemm about half of it.
     *
     * @throws IllegalArgumentException if a precondition fails or threads &lt; 1, naming it
     */
    public static Result measure(AnalysedNetwork network, ProbeInputs probes, Protocol protocol, int threads) {
        return run(network.drivenCell(), network.autonomousCell(), probes, protocol, threads);
    }

    /**
     * The protocol with the autonomous cell of the driven cell's own kind (both come from the same
     * {@link RecurrentParameters} class, so they advance the same state type; checked).
     */
    @SuppressWarnings("unchecked")
    private static <S extends RecurrentState> Result run(RecurrentCell<S> driven, RecurrentCell<?> autonomousCell,
                                                         ProbeInputs probes, Protocol protocol, int threads) {
        if (autonomousCell.getClass() != driven.getClass()) {
            throw new IllegalArgumentException("Driven and autonomous cells differ: " + driven.getClass().getSimpleName()
                    + " and " + autonomousCell.getClass().getSimpleName());
        }
        RecurrentCell<S> autonomous = (RecurrentCell<S>) autonomousCell;
        probes.requireFits(driven);
        int drivenSteps = probes.length();
        if (drivenSteps > protocol.totalSteps() + 1) {
            throw new IllegalArgumentException("Probes of " + drivenSteps + " steps do not fit in T + 1 = "
                    + (protocol.totalSteps() + 1) + " steps");
        }
        int n = probes.probeCount();
        int hiddenSize = driven.hiddenSize();
        INDArray perturbations = perturbations(n, hiddenSize, protocol.epsilon(), protocol.seed());

        // Rows [0, N): reference trajectories; rows [N, 2N): perturbed ones.
        S s = driven.zeroState(2 * n, threads);
        INDArray perturbedRows = s.h().get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all());
        if (protocol.target() == PerturbationTarget.INITIAL_HIDDEN) {
            perturbedRows.assign(perturbations);
        }
        for (int t = 0; t < drivenSteps; t++) {
            probes.step(driven, t, 2, s);
        }
        if (protocol.target() == PerturbationTarget.DRIVE_END_HIDDEN) {
            perturbedRows.addi(perturbations);
        }
        for (int t = drivenSteps; t <= protocol.totalSteps(); t++) {
            autonomous.stepZeroInput(s);
        }

        INDArray hT = s.h().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray hPrimeT = s.h().get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all());
        double[] distances = hPrimeT.sub(hT).norm2(1).toDoubleVector();
        double[] readouts = hT.sum(1).toDoubleVector();
        return summarise(distances, readouts, protocol.floorLog(), drivenSteps, protocol.totalSteps());
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

    private static Result summarise(double[] distances, double[] readouts, double floorLog, int drivenSteps,
                                    int totalSteps) {
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
        return new Result(dTilde, (double) chaotic / logD.length, logD, readouts, drivenSteps, totalSteps);
    }
}
