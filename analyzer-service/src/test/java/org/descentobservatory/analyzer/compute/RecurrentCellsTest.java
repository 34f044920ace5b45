package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cell is picked by layer 1's type, in networks built like the trainer's (float32, LastTimeStep, dense output). */
class RecurrentCellsTest {

    private static final int V = 30;
    private static final int E = 5;
    private static final int H = 7;

    @Test
    void anLstmNetworkGetsAnLstmCell() {
        RecurrentCell<?> cell = RecurrentCells.of(trainerLike(
                new LSTM.Builder().nIn(E).nOut(H).activation(Activation.TANH).build()));

        assertThat(cell).isInstanceOf(LstmCell.class);
        assertThat(cell.hiddenSize()).isEqualTo(H);
        assertThat(cell.vocabularySize()).isEqualTo(V);
        assertThat(cell.zeroState(3)).isInstanceOf(LstmState.class);
        assertThat(cell.zeroInputDrive(3).shape()).containsExactly(3, 4L * H);
    }

    @Test
    void aSimpleRnnNetworkGetsASimpleRnnCellWithItsParametersExactlyInDouble() {
        MultiLayerNetwork net = trainerLike(new SimpleRnn.Builder().nIn(E).nOut(H).activation(Activation.TANH).build());

        RecurrentCell<?> cell = RecurrentCells.of(net);
        SimpleRnnParameters theta = SimpleRnnParameters.from(net);

        assertThat(cell).isInstanceOf(SimpleRnnCell.class);
        assertThat(cell.hiddenSize()).isEqualTo(H);
        assertThat(cell.vocabularySize()).isEqualTo(V);
        assertThat(cell.zeroState(3)).isInstanceOf(SimpleRnnState.class);
        assertThat(cell.zeroInputDrive(3).shape()).containsExactly(3, (long) H);
        assertThat(theta.w().shape()).containsExactly(E, H);
        assertThat(theta.rw().shape()).containsExactly(H, H);
        assertThat(theta.b().shape()).containsExactly(1, H);
        // float32 → float64 is exact, and θ is a copy.
        INDArray rw = net.getParam("1_RW");
        assertThat(theta.rw()).isEqualTo(rw.castTo(DataType.DOUBLE));
        rw.addi(1);
        assertThat(theta.rw()).isNotEqualTo(rw.castTo(DataType.DOUBLE));
    }

    @Test
    void otherLayersAndLayerNormalisedSimpleRnnsAreRefusedByName() {
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(4).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        dense.init();
        MultiLayerNetwork layerNorm = trainerLike(new SimpleRnn.Builder().nIn(E).nOut(H)
                .activation(Activation.TANH).hasLayerNorm(true).build());

        assertThatThrownBy(() -> RecurrentCells.of(dense)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LSTM or a SimpleRnn").hasMessageContaining("OutputLayer");
        assertThatThrownBy(() -> RecurrentCells.of(layerNorm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer normalisation");
    }

    private static MultiLayerNetwork trainerLike(BaseRecurrentLayer recurrent) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(E).hasBias(false).build())
                .layer(new LastTimeStep(recurrent))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(H).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        net.init();
        return net;
    }
}
