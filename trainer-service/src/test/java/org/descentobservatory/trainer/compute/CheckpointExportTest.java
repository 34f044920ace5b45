package org.descentobservatory.trainer.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CheckpointExportTest {

    @Test
    void thePapersNetworkExportsEveryParameterNamedByLayerWithItsShapeAndExactValues() throws Exception {
        RunSpec spec = NetworkSpecs.tiny(42);
        MultiLayerNetwork network = trained(spec);
        long v = spec.vocabularySize();
        long e = spec.embeddingSize();
        long h = spec.hiddenSize();

        byte[] npz = CheckpointExport.toNpz(network, "run-test", 1);

        Map<String, NpzFiles.Npy> arrays = NpzFiles.arrays(npz);
        assertThat(arrays.keySet()).containsExactly("embedding_W", "recurrent_W", "recurrent_RW", "recurrent_b",
                "output_W", "output_b");
        assertThat(arrays.get("embedding_W").shape()).containsExactly(v, e);
        assertThat(arrays.get("recurrent_W").shape()).containsExactly(e, 4 * h);
        assertThat(arrays.get("recurrent_RW").shape()).containsExactly(h, 4 * h);
        assertThat(arrays.get("recurrent_b").shape()).containsExactly(4 * h);
        assertThat(arrays.get("output_W").shape()).containsExactly(h, 1);
        assertThat(arrays.get("output_b").shape()).containsExactly(1);
        NpzFiles.assertHoldParameters(arrays, network, Map.of("embedding_W", "0_W", "recurrent_W", "1_W",
                "recurrent_RW", "1_RW", "recurrent_b", "1_b", "output_W", "2_W", "output_b", "2_b"));

        JsonNode metadata = new ObjectMapper().readTree(NpzFiles.entries(npz).get(CheckpointExport.METADATA));
        assertThat(metadata.get("runId").asText()).isEqualTo("run-test");
        assertThat(metadata.get("epoch").asInt()).isEqualTo(1);
        JsonNode recurrentRw = metadata.get("arrays").get(2);
        assertThat(recurrentRw.get("name").asText()).isEqualTo("recurrent_RW");
        assertThat(recurrentRw.get("layer").asInt()).isEqualTo(1);
        assertThat(recurrentRw.get("layerType").asText()).isEqualTo("LSTM");
        assertThat(recurrentRw.get("dl4jKey").asText()).isEqualTo("RW");
        assertThat(recurrentRw.get("shape").toString()).isEqualTo("[" + h + "," + 4 * h + "]");
        assertThat(recurrentRw.get("dtype").asText()).isEqualTo("float32");
        assertThat(metadata.get("equations").get("1").asText()).contains("(g, f, o, i)", "h' = o*tanh(c')");
    }

    /**
     * The equations of docs/checkpoint-export.md, evaluated in double precision on the exported arrays alone,
     * reproduce DL4J's own output for a review: this pins the gate order (g, f, o, i) the docs give.
     */
    @Test
    void theDocumentedLstmEquationsOnTheExportedArraysReproduceDl4jsOutput() {
        RunSpec spec = NetworkSpecs.tiny(7);
        MultiLayerNetwork network = trained(spec);
        Map<String, NpzFiles.Npy> arrays = NpzFiles.arrays(CheckpointExport.toNpz(network, "run-test", 1));
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();
        float[] embedding = arrays.get("embedding_W").floats();
        float[] w = arrays.get("recurrent_W").floats();
        float[] rw = arrays.get("recurrent_RW").floats();
        float[] b = arrays.get("recurrent_b").floats();
        float[] outW = arrays.get("output_W").floats();
        float outB = arrays.get("output_b").floats()[0];

        SplittableRandom random = new SplittableRandom(3);
        float[] tokens = new float[spec.sequenceLength()];
        for (int t = 0; t < tokens.length; t++) {
            tokens[t] = t < 4 ? 0 : random.nextInt(spec.vocabularySize());
        }
        double[] hidden = new double[h];
        double[] cell = new double[h];
        for (float token : tokens) {
            double[] z = new double[4 * h];
            for (int j = 0; j < 4 * h; j++) {
                z[j] = b[j];
                for (int k = 0; k < e; k++) {
                    z[j] += embedding[(int) token * e + k] * w[k * 4 * h + j];
                }
                for (int k = 0; k < h; k++) {
                    z[j] += hidden[k] * rw[k * 4 * h + j];
                }
            }
            for (int u = 0; u < h; u++) {
                double g = Math.tanh(z[u]);
                double f = sigmoid(z[h + u]);
                double o = sigmoid(z[2 * h + u]);
                double i = sigmoid(z[3 * h + u]);
                cell[u] = f * cell[u] + i * g;
                hidden[u] = o * Math.tanh(cell[u]);
            }
        }
        double logit = outB;
        for (int u = 0; u < h; u++) {
            logit += hidden[u] * outW[u];
        }

        INDArray input = Nd4j.create(tokens, new long[]{1, tokens.length}, DataType.FLOAT);
        double dl4j = network.output(input).getDouble(0, 0);
        assertThat(sigmoid(logit)).isCloseTo(dl4j, org.assertj.core.data.Offset.offset(TestSpecs.FLOAT_TOLERANCE));
    }

    /** The SimpleRnn architecture, and layers that share a label, are named generically. */
    @Test
    void aSimpleRnnNetworkWithTwoDenseLayersExportsByTheSameRules() {
        int v = 20;
        int e = 3;
        int h = 6;
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(v).nOut(e).inputLength(7).hasBias(false).build())
                .layer(new LastTimeStep(new SimpleRnn.Builder().nIn(e).nOut(h).activation(Activation.TANH).build()))
                .layer(new DenseLayer.Builder().nIn(h).nOut(4).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        network.init();

        byte[] npz = CheckpointExport.toNpz(network, "run-simple", 2);

        Map<String, NpzFiles.Npy> arrays = NpzFiles.arrays(npz);
        assertThat(arrays.keySet()).containsExactly("embedding_W", "recurrent_W", "recurrent_RW", "recurrent_b",
                "dense2_W", "dense2_b", "dense3_W", "dense3_b", "output_W", "output_b");
        assertThat(arrays.get("recurrent_W").shape()).containsExactly(e, h);
        assertThat(arrays.get("recurrent_RW").shape()).containsExactly(h, h);
        assertThat(arrays.get("recurrent_b").shape()).containsExactly(h);
        assertThat(arrays.get("dense3_W").shape()).containsExactly(4, 2);
        assertThat(arrays.values()).allSatisfy(array -> assertThat(array.descr()).isEqualTo("<f8"));
        NpzFiles.assertHoldParameters(arrays, network, Map.of("recurrent_W", "1_W", "recurrent_RW", "1_RW",
                "dense2_W", "2_W", "dense3_W", "3_W", "output_b", "4_b"));
        assertThat(CheckpointExport.parameters(network))
                .extracting(p -> entry(p.name(), p.layer() + ":" + p.layerType() + ":" + p.key()))
                .contains(entry("recurrent_RW", "1:SimpleRnn:RW"), entry("dense3_b", "3:DenseLayer:b"));
    }

    private static MultiLayerNetwork trained(RunSpec spec) {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        new EpochTrainer(spec.batchSize(), spec.seed())
                .trainEpoch(network, SyntheticSentimentTask.generate(spec).train(), 1);
        return network;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
