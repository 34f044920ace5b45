package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Deeplearning4j 1.0.0-M2.1 as the reference for a {@link RecurrentCell}: {@code MultiLayerNetwork.rnnTimeStep} one
 * step at a time, the recurrent layer's state read after every step. Token steps run through the observatory's
 * architecture (EmbeddingSequenceLayer → recurrent layer → RnnOutputLayer); the zero-input steps through a twin
 * network whose input is a dense vector (recurrent layer → RnnOutputLayer) with the same recurrent-layer weights,
 * started from the first network's state, because an embedding layer cannot be fed x = 0.
 */
final class RnnTimeStepReference {

    static final int V = 40;
    static final int E = 6;
    static final int H = 10;
    static final int N = 5;
    static final int TOKEN_STEPS = 30;
    static final int ZERO_STEPS = 70;

    /** Asserts the cell's state equals DL4J's after step t and returns the largest |h| of DL4J's state. */
    @FunctionalInterface
    interface StateCheck<S extends RecurrentState> {
        double assertSameState(Map<String, INDArray> dl4j, S s, int t);
    }

    private RnnTimeStepReference() {
    }

    /**
     * Steps {@code cell} from its zero state alongside {@code tokenNet} for {@link #TOKEN_STEPS} seeded random tokens,
     * then alongside its zero-input twin for {@link #ZERO_STEPS} steps of x = 0, checking after every step.
     *
     * @param recurrentLayer a fresh copy of tokenNet's layer 1 configuration, E → H
     * @return the largest |h| DL4J reached, so the caller can check the weights drove the cell away from 0
     */
    static <S extends RecurrentState> double stepAlongside(MultiLayerNetwork tokenNet, Supplier<Layer> recurrentLayer,
                                                           long seed, RecurrentCell<S> cell, StateCheck<S> check) {
        MultiLayerNetwork zeroInputNet = zeroInputTwin(tokenNet, recurrentLayer, seed);
        S s = cell.zeroState(N);
        int[][] tokens = RandomLstm.tokens(N, TOKEN_STEPS, V, seed + 1);

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
            largestH = Math.max(largestH, check.assertSameState(tokenNet.rnnGetPreviousState(1), s, t));
        }

        zeroInputNet.rnnSetPreviousState(0, copy(tokenNet.rnnGetPreviousState(1)));
        INDArray zeroInput = cell.zeroInputDrive(N);
        for (int t = TOKEN_STEPS; t < TOKEN_STEPS + ZERO_STEPS; t++) {
            zeroInputNet.rnnTimeStep(Nd4j.zeros(DataType.DOUBLE, N, E));
            cell.step(zeroInput, s);
            largestH = Math.max(largestH, check.assertSameState(zeroInputNet.rnnGetPreviousState(0), s, t));
        }
        return largestH;
    }

    /** EmbeddingSequenceLayer(V → E, with bias) → {@code recurrentLayer} → RnnOutputLayer(H → 1), double precision. */
    static MultiLayerNetwork tokenNetwork(Layer recurrentLayer, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(E).hasBias(true).build())
                .layer(recurrentLayer)
                .layer(outputLayer())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Gaussian weights: N(0, 0.8²) inputs and biases, RW with {@code recurrentGain}/√H. */
    static void randomise(MultiLayerNetwork net, Random random, double recurrentGain) {
        net.paramTable().forEach((key, values) -> {
            double scale = key.equals("1_RW") ? recurrentGain / Math.sqrt(H) : 0.8;
            for (long k = 0; k < values.length(); k++) {
                values.putScalar(k, scale * random.nextGaussian());
            }
        });
    }

    private static MultiLayerNetwork zeroInputTwin(MultiLayerNetwork tokenNet, Supplier<Layer> recurrentLayer,
                                                   long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .list()
                .layer(recurrentLayer.get())
                .layer(outputLayer())
                .build();
        MultiLayerNetwork twin = new MultiLayerNetwork(conf);
        twin.init();
        for (String key : new String[]{"W", "RW", "b"}) {
            twin.getParam("0_" + key).assign(tokenNet.getParam("1_" + key));
        }
        return twin;
    }

    private static RnnOutputLayer outputLayer() {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(H).nOut(1)
                .activation(Activation.SIGMOID).build();
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> copy = new HashMap<>();
        state.forEach((key, value) -> copy.put(key, value.dup()));
        return copy;
    }
}
