package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reference is Deeplearning4j 1.0.0-M2.1 itself, as in {@link LstmCellMatchesDl4jTest}: {@code rnnTimeStep} one
 * step at a time, reading the SimpleRnn layer's state ({@code prevAct} = h, its only state) after every step; token
 * steps through EmbeddingSequenceLayer → SimpleRnn → RnnOutputLayer, zero-input steps through a twin SimpleRnn →
 * RnnOutputLayer with the same recurrent weights, started from the first network's state.
 */
class SimpleRnnCellMatchesDl4jTest {

    private static final long SEED = 20250527L;
    private static final int V = 40;
    private static final int E = 6;
    private static final int H = 10;
    private static final int N = 5;
    private static final int TOKEN_STEPS = 30;
    private static final int ZERO_STEPS = 70;

    @Test
    void hiddenStatesMatchRnnTimeStepAfterEveryStep() {
        MultiLayerNetwork tokenNet = tokenNetwork();
        randomise(tokenNet, new Random(SEED));
        MultiLayerNetwork zeroInputNet = zeroInputTwin(tokenNet);
        SimpleRnnCell cell = new SimpleRnnCell(SimpleRnnParameters.from(tokenNet));
        SimpleRnnState s = cell.zeroState(N);
        int[][] tokens = RandomLstm.tokens(N, TOKEN_STEPS, V, SEED + 1);

        double largestH = 0;
        for (int t = 0; t < TOKEN_STEPS; t++) {
            int[] tokensAtT = new int[N];
            INDArray input = Nd4j.zeros(DataType.DOUBLE, N, 1);
            for (int n = 0; n < N; n++) {
                tokensAtT[n] = tokens[n][t];
                input.putScalar(n, 0, tokens[n][t]);
            }
            tokenNet.rnnTimeStep(input);
            cell.step(cell.tokenDrive(tokensAtT), s);
            largestH = Math.max(largestH, assertSameState(tokenNet.rnnGetPreviousState(1), s, t));
        }

        zeroInputNet.rnnSetPreviousState(0, Map.of("prevAct", tokenNet.rnnGetPreviousState(1).get("prevAct").dup()));
        INDArray zeroInput = cell.zeroInputDrive(N);
        for (int t = TOKEN_STEPS; t < TOKEN_STEPS + ZERO_STEPS; t++) {
            zeroInputNet.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, N, E));
            cell.step(zeroInput, s);
            largestH = Math.max(largestH, assertSameState(zeroInputNet.rnnGetPreviousState(0), s, t));
        }
        // The weights must drive the cell well away from 0, or matching would prove little.
        assertThat(largestH).isGreaterThan(0.5);
    }

    private static double assertSameState(Map<String, INDArray> dl4j, SimpleRnnState s, int t) {
        assertThat(dl4j).containsOnlyKeys("prevAct");
        INDArray h = dl4j.get("prevAct");
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < H; j++) {
                assertThat(s.h().getDouble(n, j)).as("h[%d][%d] at step %d", n, j, t)
                        .isCloseTo(h.getDouble(n, j), within(Tolerances.SIMPLE_RNN_MATCH));
            }
        }
        return h.amaxNumber().doubleValue();
    }

    private static MultiLayerNetwork tokenNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.DOUBLE)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(E).hasBias(true).build())
                .layer(new SimpleRnn.Builder().nIn(E).nOut(H).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(H).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork zeroInputTwin(MultiLayerNetwork tokenNet) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.DOUBLE)
                .list()
                .layer(new SimpleRnn.Builder().nIn(E).nOut(H).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(H).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork twin = new MultiLayerNetwork(conf);
        twin.init();
        for (String key : new String[]{"W", "RW", "b"}) {
            twin.getParam("0_" + key).assign(tokenNet.getParam("1_" + key));
        }
        return twin;
    }

    /** Gaussian weights: N(0, 0.8²) inputs and biases, recurrent gain 0.9 (contracting, not saturated). */
    private static void randomise(MultiLayerNetwork net, Random random) {
        net.paramTable().forEach((key, values) -> {
            double scale = key.equals("1_RW") ? 0.9 / Math.sqrt(H) : 0.8;
            for (long k = 0; k < values.length(); k++) {
                values.putScalar(k, scale * random.nextGaussian());
            }
        });
    }
}
