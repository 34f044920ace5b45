package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Seeded random LSTM parameters for tests and benchmarks, drawn with {@link java.util.Random} so they do not depend
 * on ND4J's random generator. Entries are Gaussian: E_tok and W with standard deviation {@code inputScale}, b with
 * {@code biasScale}, RW with g/√H, where g is the recurrent gain (the usual scaling of random-network theory:
 * Sompolinsky, Crisanti &amp; Sommers 1988), so that g ≈ 0 gives contracting and large g chaotic dynamics.
 */
final class RandomLstm {

    private RandomLstm() {
    }

    static LstmParameters parameters(int v, int e, int h, double inputScale, double biasScale, double recurrentGain,
                                     long seed) {
        Random random = new Random(seed);
        return new LstmParameters(
                Nd4j.createFromArray(gaussian(random, v, e, inputScale)),
                Nd4j.createFromArray(gaussian(random, e, 4 * h, inputScale)),
                Nd4j.createFromArray(gaussian(random, h, 4 * h, recurrentGain / Math.sqrt(h))),
                Nd4j.createFromArray(gaussian(random, 1, 4 * h, biasScale)),
                h);
    }

    static int[][] tokens(int probes, int length, int vocabularySize, long seed) {
        Random random = new Random(seed);
        int[][] tokens = new int[probes][length];
        for (int[] probe : tokens) {
            for (int t = 0; t < length; t++) {
                probe[t] = random.nextInt(vocabularySize);
            }
        }
        return tokens;
    }

    static double[][] gaussian(Random random, int rows, int columns, double scale) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return values;
    }
}
