package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.blas.Dgemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.DoubleBuffer;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the analyzer's compute, with DGEMM measured in the same run as the machine's reference rate:
 * <ul>
 *   <li>{@code checkpoint}: one checkpoint's D̃ at the paper's protocol, N = 500 probes of L = 500 tokens, T = 1599,
 *       H = 60, E = 32, V = 2000, on random parameters of recurrent gain g (default 10, chaos).</li>
 *   <li>{@code spectrum}: the top-k = 10 Lyapunov exponents, 20 probes (the analyzer's default), 200 + 1000 steps.</li>
 *   <li>{@code dgemm}: a 1024×1024 by 1024×1024 double gemm (ND4J, i.e. OpenBLAS), the machine's reference rate;
 *       {@code stepGemm}: the checkpoint's own per-step product, 2N×H by H×4H = 1000×60 by 60×240, by OpenBLAS
 *       directly ({@link Dgemm}) in one call (the cells make it in chunks of 64 rows).</li>
 * </ul>
 * {@link #main} runs them (OpenBLAS single-threaded: OMP_NUM_THREADS=1, as the service; the analyses on
 * {@code threads} Java threads, default 1) and prints each one's achieved
 * FLOP/s beside DGEMM's: the checkpoint counts only its recurrent gemm flops, (T + 1)·2·2N·H·4H (the element-wise
 * gate work is not counted), so the ratio is the share of peak the batched protocol reaches. Command:
 * {@code bin/bench analyzer-jmh} (docs/benchmarks.md).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G"})
public class AnalyzerJmh {

    static final int PROBES = 500;
    static final int LENGTH = 500;
    static final int V = 2000;
    static final int E = 32;
    static final int H = 60;
    static final int SPECTRUM_PROBES = 20;
    static final int SPECTRUM_K = 10;
    static final int TRANSIENT = 200;
    static final int STEPS = 1000;
    static final int GEMM = 1024;

    /** A random network and the paper's probe set. */
    @State(Scope.Benchmark)
    public static class Network {

        @Param({"10"})
        double gain;

        /** Threads of one analysis (the service's {@code observatory.analysis.threads}); DGEMM stays on one. */
        @Param({"1"})
        int threads;

        LstmParameters theta;
        int[][] probes;

        @Setup(Level.Trial)
        public void setUp() {
            theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, gain, 2);
            probes = RandomLstm.tokens(PROBES, LENGTH, V, 1);
        }
    }

    /** Operands of the two gemms. */
    @State(Scope.Benchmark)
    public static class Matrices {

        INDArray a;
        INDArray b;
        INDArray c;
        DoubleBuffer h;
        DoubleBuffer rw;
        DoubleBuffer z;

        @Setup(Level.Trial)
        public void setUp() {
            Nd4j.getRandom().setSeed(7);
            a = Nd4j.rand(DataType.DOUBLE, GEMM, GEMM);
            b = Nd4j.rand(DataType.DOUBLE, GEMM, GEMM);
            c = Nd4j.zeros(DataType.DOUBLE, GEMM, GEMM);
            h = Nd4j.rand(DataType.DOUBLE, 2 * PROBES, H).data().asNioDouble();
            rw = Nd4j.rand(DataType.DOUBLE, H, 4 * H).data().asNioDouble();
            z = Nd4j.zeros(DataType.DOUBLE, 2 * PROBES, 4 * H).data().asNioDouble();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public AsymptoticDistance.Result checkpoint(Network network) {
        return AsymptoticDistance.measure(AnalysedNetwork.zeroInput(network.theta), new TokenProbes(network.probes),
                AsymptoticDistance.Protocol.paper(3), network.threads);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ProbeLyapunovSpectrum.Result spectrum(Network network) {
        return ProbeLyapunovSpectrum.measure(AnalysedNetwork.zeroInput(network.theta),
                new TokenProbes(network.probes).first(SPECTRUM_PROBES),
                new LyapunovSpectrum.Settings(SPECTRUM_K, TRANSIENT, STEPS, 3), network.threads);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    public INDArray dgemm(Matrices m) {
        return Nd4j.gemm(m.a, m.b, m.c, false, false, 1.0, 0.0);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    public DoubleBuffer stepGemm(Matrices m) {
        Dgemm.multiply(false, false, 2 * PROBES, 4 * H, H, m.h, m.rw, 0, m.z);
        return m.z;
    }

    /** Floating-point operations per call of each benchmark (see the class comment for what is counted). */
    static double flops(String benchmark) {
        return switch (benchmark) {
            case "checkpoint" -> (AsymptoticDistance.Protocol.PAPER_TOTAL_STEPS + 1.0) * 2 * (2.0 * PROBES) * H * 4 * H;
            // Per probe: the L driven steps' z = h·RW (8H² each); then per Lyapunov step z = h·RW (8H²), J·Q (2n²k,
            // n = 2H: the LSTM's δz = δh·RW for k tangents is the same 8H²k), QR and Q (~4nk²); element-wise gate
            // and Jacobian work not counted.
            case "spectrum" -> SPECTRUM_PROBES * (LENGTH * 8.0 * H * H + (TRANSIENT + STEPS)
                    * (8.0 * H * H + 2.0 * (2 * H) * (2 * H) * SPECTRUM_K + 4.0 * (2 * H) * SPECTRUM_K * SPECTRUM_K));
            case "dgemm" -> 2.0 * GEMM * GEMM * GEMM;
            case "stepGemm" -> 2.0 * (2 * PROBES) * H * (4 * H);
            default -> Double.NaN;
        };
    }

    /**
     * Runs the benchmarks and prints FLOP/s beside DGEMM's. Arguments: a regex of benchmark names (default all), e.g.
     * {@code checkpoint}, where {@code dgemm} always runs too, as the reference of the same run; then optionally the
     * thread counts of the analyses, e.g. {@code 1,2} (default 1).
     */
    public static void main(String[] args) throws RunnerException {
        String selected = args.length > 0 ? "(dgemm|" + args[0] + ")" : ".*";
        Options options = new OptionsBuilder().include(AnalyzerJmh.class.getSimpleName() + "\\." + selected + "$")
                .param("threads", args.length > 1 ? args[1].split(",") : new String[]{"1"})
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double dgemmRate = Double.NaN;
        for (RunResult result : results) {
            if (name(result).equals("dgemm")) {
                dgemmRate = flops("dgemm") / result.getPrimaryResult().getScore();
            }
        }
        System.out.printf("%n%-12s %8s %14s %14s %12s%n", "benchmark", "threads", "s/op", "GFLOP/s", "of DGEMM");
        for (RunResult result : results) {
            double seconds = result.getPrimaryResult().getScore();
            double rate = flops(name(result)) / seconds;
            String threads = result.getParams().getParam("threads");
            System.out.printf("%-12s %8s %14.6g %14.3f %11.1f%%%n", name(result), threads == null ? "1" : threads,
                    seconds, rate / 1e9, 100 * rate / dgemmRate);
        }
    }

    private static String name(RunResult result) {
        String label = result.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }
}
