package org.descentobservatory.analyzer.compute;

/**
 * Wall-clock time of one analysis at the paper's protocol (N = 500 probes of L = 500 tokens, T = 1599, H = 60,
 * E = 32, V = 2000) on random parameters at gain g = 1 (order) and g = 10 (chaos). A main, not a test: timings
 * depend on the machine. Run after {@code mvn test-compile} with the test class path, e.g.
 * {@code OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:<deps> ...AsymptoticDistanceBenchmark}.
 */
public final class AsymptoticDistanceBenchmark {

    private static final int PROBES = 500;
    private static final int LENGTH = 500;
    private static final int V = 2000;
    private static final int E = 32;
    private static final int H = 60;
    private static final int REPETITIONS = 3;

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
    }
}
