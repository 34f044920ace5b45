package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
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
 * The cell is picked by layer 1's type, in the trainer's own networks (module networks: float32, LastTimeStep, dense
 * output) of either architecture.
 */
class RecurrentCellsTest {

    private static final RunSpec LSTM = NetworkSpecs.tiny(5);
    private static final RunSpec SIMPLE_RNN = NetworkSpecs.withArchitecture(LSTM, RunSpec.SIMPLE_RNN);
    private static final int V = LSTM.vocabularySize();
    private static final int E = LSTM.embeddingSize();
    private static final int H = LSTM.hiddenSize();

    @Test
    void anLstmNetworkGetsAnLstmCell() {
        RecurrentCell<?> cell = RecurrentCells.of(SentimentNetworkFactory.create(LSTM));

        assertThat(cell).isInstanceOf(LstmCell.class);
        assertThat(cell.hiddenSize()).isEqualTo(H);
        assertThat(cell.vocabularySize()).isEqualTo(V);
        assertThat(cell.zeroState(3)).isInstanceOf(LstmState.class);
        assertThat(cell.zeroInputDrive(3).shape()).containsExactly(3, 4L * H);
    }

    @Test
    void aSimpleRnnNetworkGetsASimpleRnnCellWithItsParametersExactlyInDouble() {
        MultiLayerNetwork net = SentimentNetworkFactory.create(SIMPLE_RNN);

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
        // The trainer's SimpleRnn never has layer normalisation (no factory argument gives it): a variant.
        MultiLayerNetwork layerNorm = NetworkVariants.of(SentimentNetworkFactory.create(SIMPLE_RNN), configuration -> {
            LastTimeStep recurrent = (LastTimeStep) configuration.getConf(1).getLayer();
            ((SimpleRnn) recurrent.getUnderlying()).setHasLayerNorm(true);
        });

        assertThatThrownBy(() -> RecurrentCells.of(dense)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LSTM or a SimpleRnn").hasMessageContaining("OutputLayer");
        assertThatThrownBy(() -> RecurrentCells.of(layerNorm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer normalisation");
    }
}
