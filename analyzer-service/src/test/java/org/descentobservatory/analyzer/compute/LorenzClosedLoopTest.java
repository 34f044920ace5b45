package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.dynamics.Lorenz63;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End-to-end validation of the closed-loop mode: an LSTM trained by DL4J on Lorenz-63 (sampled every dt = 0.01,
 * normalised per component), the trainer's forecaster contract (LSTM 3 → H, identity RnnOutputLayer 3), run closed
 * loop by the analyzer, must have λ₁ per map step / dt near Lorenz's 0.9056 per time unit (Viswanath 2004).
 */
class LorenzClosedLoopTest {

    private static final double DT = 0.01;
    private static final int H = 32;
    private static final int WINDOW = 100;
    private static final int SAMPLES = 20_000;
    private static final int EPOCHS = Integer.getInteger("lorenz.epochs", 60);
    private static final long SEED = 63;

    @Test
    void anLstmTrainedOnLorenz63HasLorenzsLargestExponentInClosedLoop() {
        double[][] trajectory = Lorenz63.classical().trajectory(new double[]{1, 1, 1}, DT, 2000, SAMPLES + 1);
        normalise(trajectory);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(SEED)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Adam(5e-3)).list()
                .layer(new LSTM.Builder().nIn(3).nOut(H).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(H).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        DataSet windows = windows(trajectory, 0, SAMPLES * 3 / 4);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            windows.shuffle(SEED + epoch);
            for (DataSet batch : windows.batchBy(32)) {
                net.fit(batch);
            }
            if (epoch % 10 == 9) {
                System.out.printf("epoch %d score %.3g, %d s%n", epoch + 1, net.score(windows),
                        (System.nanoTime() - start) / 1_000_000_000);
            }
        }

        int probes = 8;
        double[][][] series = new double[probes][2 * WINDOW][];
        for (int i = 0; i < probes; i++) {
            System.arraycopy(trajectory, SAMPLES * 3 / 4 + i * 500, series[i], 0, 2 * WINDOW);
        }
        ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(AnalysedNetwork.from(net),
                new SeriesProbes(series), new LyapunovSpectrum.Settings(1, 1000, 5000, SEED));
        double perTimeUnit = result.mean()[0] / DT;
        System.out.printf("lambda1 = %.4f +- %.4f per time unit, %d s%n", perTimeUnit,
                result.standardError()[0] / DT, (System.nanoTime() - start) / 1_000_000_000);
        assertThat(perTimeUnit).isCloseTo(Lorenz63.LARGEST_LYAPUNOV_EXPONENT, within(0.2));
    }

    private static void normalise(double[][] x) {
        for (int d = 0; d < 3; d++) {
            double mean = 0;
            for (double[] s : x) {
                mean += s[d];
            }
            mean /= x.length;
            double variance = 0;
            for (double[] s : x) {
                variance += (s[d] - mean) * (s[d] - mean);
            }
            double sd = Math.sqrt(variance / x.length);
            for (double[] s : x) {
                s[d] = (s[d] - mean) / sd;
            }
        }
    }

    /** Non-overlapping windows of [from, to): features x_t, labels x_{t+1}, [B, 3, WINDOW]. */
    private static DataSet windows(double[][] x, int from, int to) {
        int count = (to - from - 1) / WINDOW;
        INDArray features = Nd4j.zeros(DataType.DOUBLE, count, 3, WINDOW);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, count, 3, WINDOW);
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < WINDOW; t++) {
                int i = from + b * WINDOW + t;
                for (int d = 0; d < 3; d++) {
                    features.putScalar(new long[]{b, d, t}, x[i][d]);
                    labels.putScalar(new long[]{b, d, t}, x[i + 1][d]);
                }
            }
        }
        return new DataSet(features, labels);
    }
}
