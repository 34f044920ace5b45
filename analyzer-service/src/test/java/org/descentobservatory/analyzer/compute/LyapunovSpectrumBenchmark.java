package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;

/**
 * Wall-clock time of λ_1 and of the top-10 spectrum at the production size (H = 60, E = 32, V = 2000; 100 probes of
 * 500 tokens; n₀ = 200 transient and n = 1000 averaged zero-input steps) on random parameters at gain g = 1 (order)
 * and g = 10 (chaos). A main, not a test: timings depend on the machine. Run like {@link AsymptoticDistanceBenchmark}.
 */
public final class LyapunovSpectrumBenchmark {

    private static final int PROBES = 100;
    private static final int LENGTH = 500;
    private static final int V = 2000;
    private static final int E = 32;
    private static final int H = 60;
    private static final int TRANSIENT_STEPS = 200;
    private static final int STEPS = 1000;
    private static final int REPETITIONS = 2;

    private LyapunovSpectrumBenchmark() {
    }

    public static void main(String[] args) {
        int[][] probes = RandomLstm.tokens(PROBES, LENGTH, V, 1);
        for (double gain : new double[]{1, 10}) {
            LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, gain, 2);
            for (int k : new int[]{1, 10}) {
                LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(k, TRANSIENT_STEPS, STEPS, 3);
                for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                    long start = System.nanoTime();
                    ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(theta, probes, settings);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("g=%4.1f k=%2d run %d: lambda_1 = %8.4f +- %.4f, lambda_k = %8.4f, %d ms%n", gain, k,
                            repetition, result.mean()[0], result.standardError()[0], result.mean()[k - 1], millis);
                }
            }
        }
    }
}
