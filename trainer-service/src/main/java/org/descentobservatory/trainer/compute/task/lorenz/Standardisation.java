package org.descentobservatory.trainer.compute.task.lorenz;

/**
 * Per-component standardisation z_d = (x_d − μ_d) / σ_d with the mean μ and the (population) standard deviation σ of
 * the training samples, so that the test samples are scaled by training statistics only. Cost: O(n · D).
 *
 * @param mean              μ_d
 * @param standardDeviation σ_d &gt; 0
 */
public record Standardisation(double[] mean, double[] standardDeviation) {

    /** The statistics of {@code samples[i][d]}, at least two distinct samples. */
    public static Standardisation of(double[][] samples) {
        int dimension = samples[0].length;
        double[] mean = new double[dimension];
        double[] deviation = new double[dimension];
        for (double[] sample : samples) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += sample[d] / samples.length;
            }
        }
        for (double[] sample : samples) {
            for (int d = 0; d < dimension; d++) {
                double centred = sample[d] - mean[d];
                deviation[d] += centred * centred / samples.length;
            }
        }
        for (int d = 0; d < dimension; d++) {
            deviation[d] = Math.sqrt(deviation[d]);
            if (!(deviation[d] > 0)) {
                throw new IllegalArgumentException("Component " + d + " is constant over the training samples");
            }
        }
        return new Standardisation(mean, deviation);
    }

    /** z = (x − μ) / σ, a new array. */
    public double[] apply(double[] x) {
        double[] z = new double[x.length];
        for (int d = 0; d < x.length; d++) {
            z[d] = (x[d] - mean[d]) / standardDeviation[d];
        }
        return z;
    }
}
