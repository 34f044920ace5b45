package org.descentobservatory.networks;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecaster's layout, the contract the analyzer's closed loop reads ({@link ForecastNetworkFactory}'s class
 * comment): recurrent layer 0 from D = 3 inputs, an identity MSE output back to D, outputs per step.
 */
class ForecastNetworkFactoryTest {

    private static final int D = ForecastNetworkFactory.DIMENSION;

    @Test
    void anLstmForecasterMapsTheStateToAForecastOfItAtEveryStep() {
        RunSpec spec = NetworkSpecs.forecaster(3);
        int h = spec.hiddenSize();
        MultiLayerNetwork network = ForecastNetworkFactory.create(spec);

        Map<String, INDArray> params = network.paramTable();
        assertThat(params).containsOnlyKeys("0_W", "0_RW", "0_b", "1_W", "1_b");
        assertThat(params.get("0_W").shape()).containsExactly(D, 4L * h);
        assertThat(params.get("0_RW").shape()).containsExactly(h, 4L * h);
        assertThat(params.get("1_W").shape()).containsExactly(h, D);
        assertThat(layer(network, ForecastNetworkFactory.RECURRENT_LAYER)).isExactlyInstanceOf(LSTM.class);
        RnnOutputLayer output = (RnnOutputLayer) layer(network, 1);
        assertThat(output.getActivationFn()).isInstanceOf(ActivationIdentity.class);
        assertThat(output.getLossFn()).isInstanceOf(LossMSE.class);

        INDArray series = Nd4j.rand(DataType.FLOAT, 2, D, 7);
        assertThat(network.output(series, false).shape()).containsExactly(2, D, 7);
    }

    @Test
    void aSimpleRnnForecasterHasOneBlockOfHColumns() {
        RunSpec spec = NetworkSpecs.withArchitecture(NetworkSpecs.forecaster(3), RunSpec.SIMPLE_RNN);
        int h = spec.hiddenSize();
        MultiLayerNetwork network = ForecastNetworkFactory.create(spec);

        assertThat(network.getParam("0_W").shape()).containsExactly(D, h);
        assertThat(network.getParam("0_RW").shape()).containsExactly(h, h);
        assertThat(layer(network, ForecastNetworkFactory.RECURRENT_LAYER)).isExactlyInstanceOf(SimpleRnn.class);
    }

    private static Object layer(MultiLayerNetwork network, int index) {
        return network.getLayerWiseConfigurations().getConf(index).getLayer();
    }
}
