package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.descentobservatory.networks.ForecastNetworkFactory;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The closed-loop map of a forecaster (layer 0 LSTM 3 → H, layer 1 identity RnnOutputLayer H → 3, the contract with
 * the trainer's Lorenz task), which {@link RecurrentParameters#closedLoop} folds into a zero-input map with
 * RW' = RW + W_out·W, b' = b + b_out·W. References: Deeplearning4j's own {@code rnnTimeStep} with its output fed
 * back by hand, and central differences of the feedback written out explicitly (x = h·W_out + b_out, then a
 * driven {@link LstmCell} step).
 */
class ClosedLoopTest {

    private static final long SEED = 19;
    /** The trainer's forecaster in miniature (module networks). */
    private static final RunSpec SPEC = NetworkSpecs.forecaster(SEED);
    private static final int D = ForecastNetworkFactory.DIMENSION;
    private static final int H = SPEC.hiddenSize();
    private static final int N = 4;
    private static final int DRIVEN = 20;
    private static final int AUTONOMOUS = 60;

    @Test
    void aForecasterIsAnalysedClosedLoopAndMatchesDl4jWithItsOutputFedBack() {
        MultiLayerNetwork net = forecaster(RunSpec.LSTM);
        AnalysedNetwork network = AnalysedNetwork.from(net);
        assertThat(network.dynamics()).isEqualTo(AnalysedNetwork.Dynamics.CLOSED_LOOP);
        double[][][] series = series(new Random(SEED));

        double[][] states = ProbeLyapunovSpectrum.drivenStates(network.driven(), new SeriesProbes(series));
        MapWithJacobian map = network.autonomous().zeroInputMap();
        double[] jacobian = new double[4 * H * H];

        net.rnnClearPreviousState();
        INDArray output = null;
        for (int t = 0; t < DRIVEN; t++) {
            output = net.rnnTimeStep(stepOf(series, t));
        }
        assertSameState(net, states, -1);
        for (int t = 0; t < AUTONOMOUS; t++) {
            output = net.rnnTimeStep(output);
            for (int i = 0; i < N; i++) {
                double[] next = new double[2 * H];
                map.step(states[i], next, jacobian);
                states[i] = next;
            }
            assertSameState(net, states, t);
        }
    }

    @Test
    void theClosedLoopJacobianIncludingTheFeedbackPathMatchesCentralDifferences() {
        MultiLayerNetwork net = forecaster(RunSpec.LSTM);
        net.getParam("0_RW").muli(3); // a larger gain, so the Jacobian is far from the identity-like contraction
        net.getParam("1_W").muli(2);
        AnalysedNetwork network = AnalysedNetwork.from(net);
        INDArray outputWeights = net.getParam("1_W").dup();
        INDArray outputBias = net.getParam("1_b").reshape(1, D).dup();
        LstmCell driven = new LstmCell((LstmParameters) network.driven());
        double[] s = LstmJacobianTest.randomStates(1, H, new Random(SEED))[0];
        int n = 2 * H;
        double[] analytic = new double[n * n];
        network.autonomous().zeroInputMap().step(s, new double[n], analytic);

        CentralDifferences.Comparison comparison = CentralDifferences.compare(s, analytic, batch -> {
            // The feedback written out: y = h·W_out + b_out is the next input x, stepped by the driven cell.
            LstmState state = LstmState.zeros(batch.length, H);
            double[][] h = new double[batch.length][H];
            double[][] c = new double[batch.length][H];
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(batch[i], 0, h[i], 0, H);
                System.arraycopy(batch[i], H, c[i], 0, H);
            }
            state.h().assign(Nd4j.createFromArray(h));
            state.c().assign(Nd4j.createFromArray(c));
            INDArray y = state.h().mmul(outputWeights).addiRowVector(outputBias);
            driven.step(driven.inputDrive(y), state);
            double[][] images = new double[batch.length][n];
            double[][] hNext = state.h().toDoubleMatrix();
            double[][] cNext = state.c().toDoubleMatrix();
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(hNext[i], 0, images[i], 0, H);
                System.arraycopy(cNext[i], 0, images[i], H, H);
            }
            return images;
        }, LyapunovTolerances.FINITE_DIFFERENCE_STEP);

        assertThat(comparison.maxEntry()).isGreaterThan(0.1);
        assertThat(comparison.relativeError()).isLessThan(LyapunovTolerances.FINITE_DIFFERENCE);
    }

    @Test
    void aOneUnitForecasterHasTheClosedFormExponentOfItsFeedbackLoop() {
        // SimpleRnn 1 → 1 with b = 0 and b_out = 0: closed loop h' = tanh(h·(RW + W_out·W)) has the fixed point 0,
        // stable for |a| < 1 with a = RW + W_out·W, and λ₁ = log|tanh'(0)·a| = log|a| per step (the feedback path
        // alone makes a differ from RW). Here a = 0.2 + 0.5·0.6 = 0.5: λ₁ = log 0.5.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(SEED)
                .dataType(DataType.DOUBLE).list()
                .layer(new SimpleRnn.Builder().nIn(1).nOut(1).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.getParam("0_W").assign(0.6);
        net.getParam("0_RW").assign(0.2);
        net.getParam("0_b").assign(0);
        net.getParam("1_W").assign(0.5);
        net.getParam("1_b").assign(0);
        double[][][] series = {{{0.3}, {-0.2}, {0.1}}};

        ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(AnalysedNetwork.from(net),
                new SeriesProbes(series), new LyapunovSpectrum.Settings(1, 200, 2000, SEED));

        // After the transient h ≈ 0.5^200·h₀, so tanh'(a·h) = 1 to double precision: the estimate is exact.
        assertThat(result.mean()[0]).isCloseTo(Math.log(0.5), within(1e-12));
    }

    @Test
    void aSimpleRnnForecasterIsClosedLoopTooAndOtherOutputsAreRefused() {
        MultiLayerNetwork rnn = forecaster(RunSpec.SIMPLE_RNN);
        assertThat(AnalysedNetwork.from(rnn).dynamics()).isEqualTo(AnalysedNetwork.Dynamics.CLOSED_LOOP);
        assertThat(AnalysedNetwork.from(rnn).autonomous().zeroInputMap().dimension()).isEqualTo(H);

        MultiLayerNetwork sigmoidOutput = NetworkVariants.of(forecaster(RunSpec.LSTM), configuration ->
                ((RnnOutputLayer) configuration.getConf(1).getLayer()).setActivationFn(new ActivationSigmoid()));
        assertThatThrownBy(() -> AnalysedNetwork.from(sigmoidOutput)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity");
    }

    private static void assertSameState(MultiLayerNetwork net, double[][] states, int t) {
        double[][] h = net.rnnGetPreviousState(0).get("prevAct").toDoubleMatrix();
        double[][] c = net.rnnGetPreviousState(0).get("prevMem").toDoubleMatrix();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < H; j++) {
                assertThat(states[i][j]).as("h, probe %d, step %d", i, t)
                        .isCloseTo(h[i][j], within(Tolerances.LSTM_MATCH));
                assertThat(states[i][H + j]).as("c, probe %d, step %d", i, t)
                        .isCloseTo(c[i][j], within(Tolerances.LSTM_MATCH));
            }
        }
    }

    /**
     * The trainer's Lorenz forecaster (recurrent layer → identity RnnOutputLayer) with the given architecture, cast
     * from the trainer's float32 to double, so that DL4J's own {@code rnnTimeStep} is a reference to
     * {@link Tolerances#LSTM_MATCH}.
     */
    private static MultiLayerNetwork forecaster(String architecture) {
        return ForecastNetworkFactory.create(NetworkSpecs.withArchitecture(SPEC, architecture))
                .convertDataType(DataType.DOUBLE);
    }

    private static double[][][] series(Random random) {
        double[][][] series = new double[N][DRIVEN][D];
        for (double[][] probe : series) {
            for (double[] x : probe) {
                for (int d = 0; d < D; d++) {
                    x[d] = random.nextGaussian();
                }
            }
        }
        return series;
    }

    private static INDArray stepOf(double[][][] series, int t) {
        double[][] x = new double[N][];
        for (int i = 0; i < N; i++) {
            x[i] = series[i][t];
        }
        return Nd4j.createFromArray(x);
    }
}
