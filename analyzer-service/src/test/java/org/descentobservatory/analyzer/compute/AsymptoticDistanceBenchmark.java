package org.descentobservatory.analyzer.compute;

import org.descentobservatory.blas.Dgemm;

import java.nio.DoubleBuffer;
import java.util.function.IntFunction;

/**
 * Wall-clock time of one analysis at the paper's protocol (N = 500 probes of L = 500 tokens, T = 1599, H = 60,
 * E = 32, V = 2000) on random parameters at gain g = 1 (order) and g = 10 (chaos), then where one LSTM step of the
 * 2N = 1000 trajectories spends its time: the chunks' gemms z = h·RW, the drive added (zero input: b; tokens: rows
 * of the 3.8 MB token-drive table), and the gates, each the best of {@value #STEP_REPETITIONS} steps, on one thread.
 * A main, not a test: timings depend on the machine. Command: {@code bin/bench asymptotic-distance}
 * (docs/benchmarks.md).
 */
public final class AsymptoticDistanceBenchmark {

    private static final int PROBES = 500;
    private static final int LENGTH = 500;
    private static final int V = 2000;
    private static final int E = 32;
    private static final int H = 60;
    private static final int REPETITIONS = 3;
    private static final int STEP_REPETITIONS = 300;

    private AsymptoticDistanceBenchmark() {
    }

    public static void main(String[] args) {
        int[][] probes = RandomLstm.tokens(PROBES, LENGTH, V, 1);
        for (double gain : new double[]{1, 10}) {
            LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, gain, 2);
            for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                long start = System.nanoTime();
                AsymptoticDistance.Result result =
                        AsymptoticDistance.measure(new LstmCell(theta), probes, AsymptoticDistance.Protocol.paper(3));
                System.out.printf("g=%4.1f run %d: D~ = %8.4f, chaotic %.3f, %d ms%n", gain, repetition,
                        result.dTilde(), result.chaoticFraction(), (System.nanoTime() - start) / 1_000_000);
            }
        }
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 10, 2);
        LstmCell cell = new LstmCell(theta);
        int[][] tokens = RandomLstm.tokens(2 * PROBES, STEP_REPETITIONS, V, 4);
        // One b for all steps, as the cell's own zero-input step passes it (the state gathers it once).
        DriveRows zeroInput = new DriveRows(theta.b().toDoubleVector(), null);
        stepBreakdown("zero input", cell, step -> zeroInput);
        double[] table = theta.eTok().mmul(theta.w()).addiRowVector(theta.b()).dup('c').data().asDouble();
        stepBreakdown("tokens", cell, step -> {
            int[] starts = new int[2 * PROBES];
            for (int r = 0; r < starts.length; r++) {
                starts[r] = tokens[r][step] * 4 * H;
            }
            return new DriveRows(table, starts);
        });
    }

    /** Best-of times of the three parts of {@code TokenDrivenCell}'s step, chunk by chunk as the cell runs them. */
    private static void stepBreakdown(String label, LstmCell cell, IntFunction<DriveRows> drives) {
        LstmState s = cell.zeroState(2 * PROBES, 1);
        BatchedState.Scratch scratch = s.scratch[0];
        DoubleBuffer rw = Dgemm.direct(H * 4 * H).put(0, cell.theta.rw().dup('c').data().asDouble());
        long gemm = Long.MAX_VALUE;
        long drive = Long.MAX_VALUE;
        long gates = Long.MAX_VALUE;
        for (int step = 0; step < STEP_REPETITIONS; step++) {
            DriveRows rows = drives.apply(step);
            long[] parts = new long[3];
            for (int chunk = 0; chunk < s.chunks; chunk++) {
                int first = chunk * s.chunkRows;
                int count = Math.min(s.chunkRows, 2 * PROBES - first);
                long start = System.nanoTime();
                Dgemm.multiply(false, false, count, 4 * H, H, s.hiddenFrom(first), rw, 0, scratch.products);
                long multiplied = System.nanoTime();
                scratch.addDrive(rows, first, count, H);
                long driven = System.nanoTime();
                cell.activate(first, count, s, scratch);
                parts[0] += multiplied - start;
                parts[1] += driven - multiplied;
                parts[2] += System.nanoTime() - driven;
            }
            gemm = Math.min(gemm, parts[0]);
            drive = Math.min(drive, parts[1]);
            gates = Math.min(gates, parts[2]);
        }
        System.out.printf("step of %d trajectories, %s: gemm %.3f ms, drive %.3f ms, gates %.3f ms (best of %d)%n",
                2 * PROBES, label, gemm / 1e6, drive / 1e6, gates / 1e6, STEP_REPETITIONS);
    }
}
