package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Extraction of θ from the trainer's own network (module networks: float32, embedding without bias,
 * LastTimeStep-wrapped LSTM, dense output) and from a variant with an embedding bias.
 */
class LstmParametersTest {

    private static final RunSpec SPEC = NetworkSpecs.tiny(3);
    private static final int V = SPEC.vocabularySize();
    private static final int E = SPEC.embeddingSize();
    private static final int H = SPEC.hiddenSize();

    @Test
    void extractsTheTrainersFloatNetworkExactlyInDouble() {
        MultiLayerNetwork net = SentimentNetworkFactory.create(SPEC);

        LstmParameters theta = LstmParameters.from(net);

        assertThat(theta.hiddenSize()).isEqualTo(H);
        assertThat(theta.eTok().shape()).containsExactly(V, E);
        assertThat(theta.w().shape()).containsExactly(E, 4 * H);
        assertThat(theta.rw().shape()).containsExactly(H, 4 * H);
        assertThat(theta.b().shape()).containsExactly(1, 4 * H);
        assertThat(theta.rw().dataType()).isEqualTo(DataType.DOUBLE);
        // Every float32 value is a double: the cast must be exact.
        assertThat(theta.rw().equals(net.getParam("1_RW").castTo(DataType.DOUBLE))).isTrue();
        assertThat(theta.eTok().equals(net.getParam("0_W").castTo(DataType.DOUBLE))).isTrue();
    }

    /**
     * The trainer's embedding has no bias, and no factory argument gives it one; the analyzer still accepts a network
     * whose embedding has one (built elsewhere) and folds it into E_tok, so this test builds that variant itself.
     */
    @Test
    void foldsAnEmbeddingBiasIntoTheTokenEmbedding() {
        MultiLayerNetwork net = NetworkVariants.of(SentimentNetworkFactory.create(SPEC), configuration ->
                ((EmbeddingSequenceLayer) configuration.getConf(0).getLayer()).setHasBias(true));
        // Non-zero, so that folding it is visible.
        net.getParam("0_b").assign(0.25);

        LstmParameters theta = LstmParameters.from(net);

        INDArray expectedETok = net.getParam("0_W").castTo(DataType.DOUBLE)
                .addRowVector(net.getParam("0_b").castTo(DataType.DOUBLE).reshape(1, E));
        assertThat(theta.eTok().equals(expectedETok)).isTrue();
    }

    @Test
    void doesNotAliasTheNetworksParameters() {
        MultiLayerNetwork net = SentimentNetworkFactory.create(SPEC);
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
}
