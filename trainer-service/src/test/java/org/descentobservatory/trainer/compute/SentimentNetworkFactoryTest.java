package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentNetworkFactoryTest {

    @Test
    void layersAndParametersHaveThePaperLayoutAndTheAnalyzersKeys() {
        RunSpec spec = TestSpecs.tiny(42);
        int v = spec.vocabularySize();
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);

        Map<String, INDArray> params = network.paramTable();
        assertThat(params).containsOnlyKeys("0_W", "1_W", "1_RW", "1_b", "2_W", "2_b");
        assertThat(params.get("0_W").shape()).containsExactly(v, e);
        assertThat(params.get("1_W").shape()).containsExactly(e, 4L * h);
        assertThat(params.get("1_RW").shape()).containsExactly(h, 4L * h);
        assertThat(params.get("1_b").length()).isEqualTo(4L * h);
        assertThat(params.get("2_W").shape()).containsExactly(h, 1);
        assertThat(network.params().dataType()).isEqualTo(DataType.FLOAT);

        var lstmLayer = network.getLayerWiseConfigurations().getConf(SentimentNetworkFactory.LSTM_LAYER).getLayer();
        assertThat(lstmLayer).isInstanceOf(LastTimeStep.class);
        assertThat(((LastTimeStep) lstmLayer).getUnderlying()).isExactlyInstanceOf(LSTM.class);
    }

    @Test
    void outputIsOneProbabilityPerReview() {
        RunSpec spec = TestSpecs.tiny(42);
        LabelledSequences test = SyntheticSentimentTask.generate(spec).test();
        INDArray output = SentimentNetworkFactory.create(spec)
                .output(SequenceTensors.features(test.tokens(), SequenceTensors.inOrder(7), 0, 7), false);

        assertThat(output.shape()).containsExactly(7, 1);
        assertThat(Arrays.stream(output.toDoubleVector()).boxed()).allSatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
    }

    @Test
    void initialWeightsAreSeeded() {
        INDArray first = SentimentNetworkFactory.create(TestSpecs.tiny(42)).params();
        INDArray again = SentimentNetworkFactory.create(TestSpecs.tiny(42)).params();
        INDArray other = SentimentNetworkFactory.create(TestSpecs.tiny(43)).params();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }
}
