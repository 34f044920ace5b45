package org.descentobservatory.networks;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentimentNetworkFactoryTest {

    @Test
    void layersAndParametersHaveThePaperLayoutAndTheAnalyzersKeys() {
        RunSpec spec = NetworkSpecs.tiny(42);
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

        var lstmLayer = network.getLayerWiseConfigurations().getConf(SentimentNetworkFactory.RECURRENT_LAYER)
                .getLayer();
        assertThat(lstmLayer).isInstanceOf(LastTimeStep.class);
        assertThat(((LastTimeStep) lstmLayer).getUnderlying()).isExactlyInstanceOf(LSTM.class);
    }

    @Test
    void simpleRnnHasTheSameKeysWithOneBlockOfHColumnsAndNoLayerNorm() {
        RunSpec lstm = NetworkSpecs.tiny(42);
        RunSpec spec = NetworkSpecs.withArchitecture(lstm, RunSpec.SIMPLE_RNN);
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);

        Map<String, INDArray> params = network.paramTable();
        assertThat(params).containsOnlyKeys("0_W", "1_W", "1_RW", "1_b", "2_W", "2_b");
        assertThat(params.get("0_W").shape()).containsExactly(spec.vocabularySize(), e);
        assertThat(params.get("1_W").shape()).containsExactly(e, h);
        assertThat(params.get("1_RW").shape()).containsExactly(h, h);
        assertThat(params.get("1_b").length()).isEqualTo(h);

        var layer = network.getLayerWiseConfigurations().getConf(SentimentNetworkFactory.RECURRENT_LAYER).getLayer();
        assertThat(layer).isInstanceOf(LastTimeStep.class);
        var simpleRnn = ((LastTimeStep) layer).getUnderlying();
        assertThat(simpleRnn).isExactlyInstanceOf(SimpleRnn.class);
        assertThat(((SimpleRnn) simpleRnn).hasLayerNorm()).isFalse();
        assertThat(((SimpleRnn) simpleRnn).getActivationFn()).isInstanceOf(ActivationTanH.class);
    }

    @Test
    void adamEpsilonAndGradientClippingReachEveryLayer() {
        RunSpec base = NetworkSpecs.tiny(42);
        RunSpec clipped = NetworkSpecs.variant(base, RunSpec.SIMPLE_RNN, RunSpec.PADDING_PRE, 3e-6, 0.75);

        for (Layer layer : configuredLayers(SentimentNetworkFactory.create(clipped))) {
            assertThat(layer.getUpdaterByParam("W")).isInstanceOfSatisfying(Adam.class, adam -> {
                assertThat(adam.getLearningRate()).isEqualTo(base.learningRate());
                assertThat(adam.getBeta1()).isEqualTo(0.9);
                assertThat(adam.getBeta2()).isEqualTo(0.999);
                assertThat(adam.getEpsilon()).isEqualTo(3e-6);
            });
            assertThat(layer.getGradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerParamType);
            assertThat(layer.getGradientNormalizationThreshold()).isEqualTo(0.75);
        }
        for (Layer layer : configuredLayers(SentimentNetworkFactory.create(base))) {
            assertThat(((Adam) layer.getUpdaterByParam("W")).getEpsilon()).isEqualTo(RunSpec.KERAS_ADAM_EPSILON);
            assertThat(layer.getGradientNormalization()).isIn(null, GradientNormalization.None);
        }
    }

    @Test
    void unknownArchitectureIsRefusedByName() {
        RunSpec spec = NetworkSpecs.withArchitecture(NetworkSpecs.tiny(1), "gru");

        assertThatThrownBy(() -> SentimentNetworkFactory.create(spec)).hasMessageContaining("gru");
    }

    @Test
    void outputIsOneProbabilityPerReview() {
        RunSpec spec = NetworkSpecs.tiny(42);
        SplittableRandom random = new SplittableRandom(7);
        INDArray reviews = Nd4j.create(DataType.FLOAT, 7, spec.sequenceLength());
        for (int i = 0; i < 7; i++) {
            for (int t = 0; t < spec.sequenceLength(); t++) {
                reviews.putScalar(i, t, random.nextInt(spec.vocabularySize()));
            }
        }
        INDArray output = SentimentNetworkFactory.create(spec).output(reviews, false);

        assertThat(output.shape()).containsExactly(7, 1);
        assertThat(Arrays.stream(output.toDoubleVector()).boxed()).allSatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
    }

    private static List<Layer> configuredLayers(MultiLayerNetwork network) {
        List<Layer> layers = new ArrayList<>();
        for (NeuralNetConfiguration conf : network.getLayerWiseConfigurations().getConfs()) {
            Layer layer = conf.getLayer();
            layers.add(layer instanceof LastTimeStep wrapper ? wrapper.getUnderlying() : layer);
        }
        return layers;
    }

    @Test
    void initialWeightsAreSeeded() {
        INDArray first = SentimentNetworkFactory.create(NetworkSpecs.tiny(42)).params();
        INDArray again = SentimentNetworkFactory.create(NetworkSpecs.tiny(42)).params();
        INDArray other = SentimentNetworkFactory.create(NetworkSpecs.tiny(43)).params();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }
}
