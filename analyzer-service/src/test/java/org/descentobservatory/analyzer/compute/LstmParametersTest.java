package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extraction of θ from networks built like the trainer's (float32, LastTimeStep-wrapped LSTM, dense output). */
class LstmParametersTest {

    private static final int V = 30;
    private static final int E = 4;
    private static final int H = 7;

    @Test
    void extractsFloatNetworkExactlyInDoubleAndFoldsTheEmbeddingBias() {
        MultiLayerNetwork net = trainerLikeNetwork(true);

        LstmParameters theta = LstmParameters.from(net);

        assertThat(theta.hiddenSize()).isEqualTo(H);
        assertThat(theta.eTok().shape()).containsExactly(V, E);
        assertThat(theta.w().shape()).containsExactly(E, 4 * H);
        assertThat(theta.rw().shape()).containsExactly(H, 4 * H);
        assertThat(theta.b().shape()).containsExactly(1, 4 * H);
        assertThat(theta.rw().dataType()).isEqualTo(DataType.DOUBLE);
        // Every float32 value is a double: the cast must be exact.
        assertThat(theta.rw().equals(net.getParam("1_RW").castTo(DataType.DOUBLE))).isTrue();
        INDArray expectedETok = net.getParam("0_W").castTo(DataType.DOUBLE)
                .addRowVector(net.getParam("0_b").castTo(DataType.DOUBLE).reshape(1, E));
        assertThat(theta.eTok().equals(expectedETok)).isTrue();
    }

    @Test
    void doesNotAliasTheNetworksParameters() {
        MultiLayerNetwork net = trainerLikeNetwork(false);
        LstmParameters theta = LstmParameters.from(net);
        double before = theta.w().getDouble(0, 0);

        net.getParam("1_W").addi(1.0);

        assertThat(theta.w().getDouble(0, 0)).isEqualTo(before);
    }

    @Test
    void rejectsANetworkWithoutAnLstmAtLayerOne() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(4).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        net.init();

        assertThatThrownBy(() -> LstmParameters.from(net))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an LSTM");
    }

    private static MultiLayerNetwork trainerLikeNetwork(boolean embeddingBias) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(E).hasBias(embeddingBias).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(E).nOut(H).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(H).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        net.init();
        // Non-zero embedding bias, so that folding it is visible.
        if (embeddingBias) {
            net.getParam("0_b").assign(0.25);
        }
        return net;
    }
}
