package org.descentobservatory.analyzer.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.descentobservatory.dynamics.Lorenz63;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ProbeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An LSTM forecaster trained on Lorenz-63 by the trainer, run closed-loop by the analyzer, has the largest Lyapunov
 * exponent of the true system (issue 4, item 5). The checkpoint, its probe set and its provenance
 * ({@code src/test/resources/lorenz/lorenz-small-forecaster*}) were written by
 * {@code bin/bench lorenz-reference '{"preset": "lorenz-small"}' ...} (trainer-service
 * {@code LorenzReferenceTraining}: the lorenz-small preset, seed 42, through the trainer's own task, epoch trainer and
 * checkpoint codec; the exact command, commit and statistics are in the provenance file; docs/order-chaos.md).
 * <p>
 * The network is read as the analyzer reads any checkpoint ({@code ModelSerializer} then
 * {@link AnalysedNetwork#from}), driven by its run's probe series, then run closed-loop (its output, the forecast of
 * the next standardised state, fed back as its input). References: λ₁ = {@value Lorenz63#LARGEST_LYAPUNOV_EXPONENT}
 * per time unit (Viswanath 2004, in {@link Lorenz63}); the attractor's statistics from a long trajectory of the true
 * system integrated here by {@link Lorenz63} (RK4). The same command with seeds 1, 2 and 3 gave forecasters with
 * λ₁ = 0.897, 0.884 and 0.900 per time unit: the preset learns the exponent, not just this seed.
 */
class LorenzForecasterClosedLoopTest {

    private static final String RESOURCES = "/lorenz/lorenz-small-forecaster";
    private static final long SEED = 7;
    /** Closed-loop steps before the statistics are taken (50 time units at Δ = 0.05: the state settles). */
    private static final int SETTLE_STEPS = 1000;
    /** Closed-loop steps per probe that the statistics average (500 time units; 5,000 over the 10 probes). */
    private static final int STATISTICS_STEPS = 10_000;
    /** Lyapunov settings: 50 time units of transient, then 1,000 averaged, per probe. */
    private static final int LYAPUNOV_TRANSIENT = 1000;
    private static final int LYAPUNOV_STEPS = 20_000;
    /** The reference trajectory of the true system: RK4 step, transient and length (5,000 time units). */
    private static final double REFERENCE_STEP = 0.01;
    private static final int REFERENCE_TRANSIENT = 5000;
    private static final int REFERENCE_SAMPLES = 500_000;
    private static final int X = 0;
    private static final int Z = 2;

    private static AnalysedNetwork network;
    /** W_out [H][3] and b_out [3] of the output layer, which reads the forecast out of h. */
    private static double[][] outputWeights;
    private static double[] outputBias;
    private static SeriesProbes probes;
    private static JsonNode provenance;
    private static double samplingStep;

    @BeforeAll
    static void restore() throws IOException {
        try (InputStream in = resource(".zip")) {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(in, false);
            network = AnalysedNetwork.from(net);
            outputWeights = NetworkParameters.asDouble(net.getParam("1_W")).toDoubleMatrix();
            outputBias = NetworkParameters.asDouble(net.getParam("1_b")).toDoubleVector();
        }
        try (InputStream in = resource("-probes.json")) {
            probes = new SeriesProbes(JsonContracts.read(in.readAllBytes(), ProbeSet.class).series());
        }
        try (InputStream in = resource(".json")) {
            provenance = JsonContracts.mapper().readTree(in);
        }
        samplingStep = provenance.path("spec").path("samplingStep").asDouble();
    }

    /**
     * λ₁ of the closed-loop map per step, divided by the sampling step Δ, is Lorenz's λ₁ per time unit; λ₂ is the
     * flow's neutral direction, 0 (a sampled flow has it; the network has to learn it, nothing in its form imposes
     * it). Tolerances: {@link Tolerances#LORENZ_EXPONENT}, {@link Tolerances#LORENZ_STANDARD_ERROR}. λ₃ (the
     * strongly contracting direction, −14.57 per time unit) is not compared: a one-step forecaster is never trained
     * on how fast it falls back onto the attractor, and the LSTM's extra dimensions contract at their own rates.
     */
    @Test
    void theClosedLoopLargestExponentPerTimeUnitIsLorenzs() {
        assertThat(network.dynamics()).isEqualTo(AnalysedNetwork.Dynamics.CLOSED_LOOP);

        ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(network, probes,
                new LyapunovSpectrum.Settings(2, LYAPUNOV_TRANSIENT, LYAPUNOV_STEPS, SEED));

        double lambda1 = result.mean()[0] / samplingStep;
        double lambda2 = result.mean()[1] / samplingStep;
        assertThat(result.standardError()[0] / samplingStep).isLessThan(Tolerances.LORENZ_STANDARD_ERROR);
        assertThat(lambda1).isCloseTo(Lorenz63.LARGEST_LYAPUNOV_EXPONENT, within(Tolerances.LORENZ_EXPONENT));
        assertThat(lambda2).isCloseTo(0, within(Tolerances.LORENZ_EXPONENT));
    }

    /**
     * From every probe the closed loop (the same map whose exponents are measured, its state read out through the
     * output layer and de-standardised by the training statistics of the provenance file) stays inside the true
     * attractor's range and has its statistics: mean and spread of x and z against a long trajectory of the true
     * system. Tolerances: {@link Tolerances#ATTRACTOR_RANGE_MARGIN}, {@link Tolerances#ATTRACTOR_SYMMETRY},
     * {@link Tolerances#ATTRACTOR_STATISTICS}.
     */
    @Test
    void theClosedLoopTrajectoryStaysOnTheAttractor() {
        double[] mean = doubles(provenance.path("standardisationMean"));
        double[] deviation = doubles(provenance.path("standardisationStandardDeviation"));
        Statistics closedLoop = new Statistics();
        double[][] states = ProbeLyapunovSpectrum.drivenStates(network.driven(), probes);
        MapWithJacobian map = network.autonomous().zeroInputMap();
        int n = map.dimension();
        int h = network.driven().hiddenSize();
        double[] next = new double[n];
        double[] jacobian = new double[n * n];
        for (double[] s : states) {
            for (int t = 0; t < SETTLE_STEPS + STATISTICS_STEPS; t++) {
                map.step(s, next, jacobian);
                System.arraycopy(next, 0, s, 0, n);
                if (t >= SETTLE_STEPS) {
                    double[] y = output(s, h);
                    for (int d = 0; d < 3; d++) {
                        y[d] = mean[d] + deviation[d] * y[d];
                    }
                    closedLoop.add(y);
                }
            }
        }
        Statistics lorenz = new Statistics();
        for (double[] x : Lorenz63.classical().trajectory(new double[] {1, 1, 20}, REFERENCE_STEP,
                REFERENCE_TRANSIENT, REFERENCE_SAMPLES)) {
            lorenz.add(x);
        }

        for (int d = 0; d < 3; d++) {
            double margin = Tolerances.ATTRACTOR_RANGE_MARGIN * (lorenz.max[d] - lorenz.min[d]);
            assertThat(closedLoop.min[d]).as("min of component %d", d).isGreaterThan(lorenz.min[d] - margin);
            assertThat(closedLoop.max[d]).as("max of component %d", d).isLessThan(lorenz.max[d] + margin);
        }
        // Mean x is 0 by the symmetry (x, y) -> (-x, -y) of the equations, which the model has to learn.
        assertThat(closedLoop.mean(X)).isCloseTo(0, within(Tolerances.ATTRACTOR_SYMMETRY * lorenz.deviation(X)));
        double tolerance = Tolerances.ATTRACTOR_STATISTICS;
        assertThat(closedLoop.mean(Z)).isCloseTo(lorenz.mean(Z), within(tolerance * lorenz.deviation(Z)));
        assertThat(closedLoop.deviation(X)).isCloseTo(lorenz.deviation(X), within(tolerance * lorenz.deviation(X)));
        assertThat(closedLoop.deviation(Z)).isCloseTo(lorenz.deviation(Z), within(tolerance * lorenz.deviation(Z)));
    }

    /** y = h·W_out + b_out, the forecast in standardised units, from s = (h, c). */
    private static double[] output(double[] s, int h) {
        double[] y = new double[3];
        for (int d = 0; d < 3; d++) {
            double sum = outputBias[d];
            for (int j = 0; j < h; j++) {
                sum += s[j] * outputWeights[j][d];
            }
            y[d] = sum;
        }
        return y;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** Running mean, standard deviation and range of each component of 3-D states. */
    private static final class Statistics {
        private final double[] sum = new double[3];
        private final double[] sumOfSquares = new double[3];
        private final double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        private final double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        private long count;

        void add(double[] x) {
            for (int d = 0; d < 3; d++) {
                sum[d] += x[d];
                sumOfSquares[d] += x[d] * x[d];
                min[d] = Math.min(min[d], x[d]);
                max[d] = Math.max(max[d], x[d]);
            }
            count++;
        }

        double mean(int d) {
            return sum[d] / count;
        }

        double deviation(int d) {
            return Math.sqrt(sumOfSquares[d] / count - mean(d) * mean(d));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (int d = 0; d < 3; d++) {
                out.append(String.format("[%d: mean %.3f sd %.3f range %.2f..%.2f] ", d, mean(d), deviation(d),
                        min[d], max[d]));
            }
            return out.toString();
        }
    }

    private static InputStream resource(String suffix) {
        InputStream in = LorenzForecasterClosedLoopTest.class.getResourceAsStream(RESOURCES + suffix);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing test resource " + RESOURCES + suffix));
        }
        return in;
    }
}
