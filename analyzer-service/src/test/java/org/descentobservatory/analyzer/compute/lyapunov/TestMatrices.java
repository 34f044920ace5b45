package org.descentobservatory.analyzer.compute.lyapunov;

import java.util.Random;

/** Seeded random matrices and the product QᵀQ for the Lyapunov tests (column-major, as the routines store them). */
final class TestMatrices {

    private TestMatrices() {
    }

    /** XᵀY for column-major n×k X and Y, column-major k×k. */
    static double[] transposeTimes(double[] x, double[] y, int n, int k) {
        double[] product = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += x[i * n + r] * y[j * n + r];
                }
                product[j * k + i] = sum;
            }
        }
        return product;
    }

    /** Independent standard Gaussian entries from {@code random}. */
    static double[] gaussian(int length, Random random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
