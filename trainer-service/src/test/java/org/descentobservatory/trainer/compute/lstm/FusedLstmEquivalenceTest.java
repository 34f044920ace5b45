package org.descentobservatory.trainer.compute.lstm;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.Checkpoint;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.EpochStatistics;
import org.descentobservatory.trainer.compute.EpochTrainer;
import org.descentobservatory.trainer.compute.LabelledSequences;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.descentobservatory.trainer.domain.RunSpecParser;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused LSTM ({@link FusedLstm}) computes what Deeplearning4j's stock {@code LSTM} layer computes: the same
 * activations, the same gradients and the same Adam trajectory, on random inputs, up to float32 rounding (the two
 * sum in different orders and evaluate σ and tanh with different code). Every comparison runs a stock network and a
 * fused copy with identical parameters side by side.
 */
class FusedLstmEquivalenceTest {

    /** Activations: a few float32 roundings per step, e.g. ~1e-7 relative, through up to 100 steps. */
    private static final double ACTIVATION_TOLERANCE = 1e-5;
    /** Gradients: sums over T·m rows in another order; relative to the largest entry of each gradient array. */
    private static final double GRADIENT_TOLERANCE = 1e-4;
    /** Parameters after several Adam steps: Adam divides by √v, which magnifies rounding in tiny gradients. */
    private static final double TRAJECTORY_TOLERANCE = 1e-4;

    /** The paper's layer sizes (E = 32, H = 60, batch 32) on 100 steps, and a small odd-sized case. */
    private static final String PAPER_SIZES = "{\"vocabularySize\": 500, \"embeddingSize\": 32, \"hiddenSize\": 60,"
            + " \"sequenceLength\": 100, \"batchSize\": 32, \"trainSize\": 96, \"seed\": 7}";
    private static final String ODD_SIZES = "{\"vocabularySize\": 64, \"embeddingSize\": 5, \"hiddenSize\": 7,"
            + " \"sequenceLength\": 13, \"batchSize\": 3, \"trainSize\": 10, \"seed\": 11}";

    @Test
    void theSentimentNetworkGivesTheSameOutputsAndGradients() {
        for (String json : new String[] {PAPER_SIZES, ODD_SIZES}) {
            RunSpec spec = spec(json);
            MultiLayerNetwork stock = SentimentNetworkFactory.create(spec);
            MultiLayerNetwork fused = SentimentNetworkFactory.create(spec);
            // Two threads: each runs the recurrence of half the minibatch (the odd case: 1 and 2 sequences).
            assertThat(FusedLstm.enable(fused, 2)).isEqualTo(1);
            assertThat(FusedLstm.isEnabled(fused)).isTrue();
            assertThat(FusedLstm.isEnabled(stock)).isFalse();
            LabelledSequences data = randomData(spec, spec.batchSize(), 1);
            INDArray x = features(data);
            INDArray y = labels(data);

            // Training-mode activations of every layer: embedding, LSTM's last step, sigmoid output.
            var stockActivations = stock.feedForward(x, true);
            var fusedActivations = fused.feedForward(x, true);
            for (int layer = 1; layer < stockActivations.size(); layer++) {
                assertClose(fusedActivations.get(layer), stockActivations.get(layer), ACTIVATION_TOLERANCE);
            }
            assertGradientsClose(fused, stock, x, y);
            // One forward pass for feedForward, one for the gradient, reused inside backprop, one BPTT.
            assertThat(FusedLstm.passes(fused)).contains(new FusedLstm.Passes(2, 1, 1));
        }
    }

    /**
     * Inference (the per-epoch evaluation, {@link SplitEvaluator}, and {@code output(x, false)}) on the fused path: a
     * split of 75 reviews runs in kernel slices of 32, 32 and 11 sequences, on two threads; outputs and the split's
     * metrics agree with the stock layer's. Stateful inference ({@code rnnTimeStep}, 2 × 20 steps) carries a
     * non-zero state into the fused inference path and agrees too.
     */
    @Test
    void inferenceGivesTheSameOutputs() {
        RunSpec spec = spec(PAPER_SIZES);
        MultiLayerNetwork stock = SentimentNetworkFactory.create(spec);
        MultiLayerNetwork fused = SentimentNetworkFactory.create(spec);
        FusedLstm.enable(fused, 2);
        LabelledSequences split = randomData(spec, 75, 6);
        INDArray x = features(split);

        assertClose(fused.output(x, false), stock.output(x, false), ACTIVATION_TOLERANCE);
        SplitMetrics expected = SplitEvaluator.evaluate(stock, split);
        SplitMetrics actual = SplitEvaluator.evaluate(fused, split);
        assertRelativelyClose(actual.meanLoss(), expected.meanLoss());
        assertRelativelyClose(actual.wrongLoss(), expected.wrongLoss());
        assertThat(actual.accuracy()).isEqualTo(expected.accuracy());
        assertThat(FusedLstm.passes(fused)).contains(new FusedLstm.Passes(2, 0, 0));

        MultiLayerNetwork stockSteps = sequenceNetwork(BackpropType.Standard);
        MultiLayerNetwork fusedSteps = sequenceNetwork(BackpropType.Standard);
        FusedLstm.enable(fusedSteps, 2);
        SplittableRandom random = new SplittableRandom(8);
        for (int segment = 0; segment < 2; segment++) {
            INDArray tokens = tokens(random, 5, 20, 50);
            assertClose(fusedSteps.rnnTimeStep(tokens), stockSteps.rnnTimeStep(tokens), ACTIVATION_TOLERANCE);
        }
        assertThat(FusedLstm.passes(fusedSteps).orElseThrow().forward()).isEqualTo(2);
    }

    /**
     * With a loss on every step (an RNN output layer after the LSTM), each step's hidden state receives a gradient
     * from above, not only the last one; and random gate pre-activations of larger scale (weights ×3) saturate some
     * gates. Gradients still agree, and so does ∂L/∂x (checked through the embedding's gradient).
     */
    @Test
    void aLossOnEveryStepGivesTheSameGradients() {
        MultiLayerNetwork stock = sequenceNetwork(BackpropType.Standard);
        MultiLayerNetwork fused = sequenceNetwork(BackpropType.Standard);
        INDArray scaled = stock.params().mul(3);
        stock.setParams(scaled);
        fused.setParams(scaled.dup());
        FusedLstm.enable(fused, 4);
        SplittableRandom random = new SplittableRandom(3);
        INDArray x = tokens(random, 6, 40, 50);
        INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2, 40);

        assertClose(fused.output(x, true), stock.output(x, true), ACTIVATION_TOLERANCE);
        assertGradientsClose(fused, stock, x, y);
        assertThat(FusedLstm.passes(fused).orElseThrow().backward()).isEqualTo(1);
    }

    /**
     * Truncated BPTT (segments of 10 steps, the state carried over, gradients cut after 10 steps back) exercises a
     * non-zero initial state and the truncation; fit runs one Adam step per segment.
     */
    @Test
    void truncatedBpttTrainsToTheSameParameters() {
        MultiLayerNetwork stock = sequenceNetwork(BackpropType.TruncatedBPTT);
        MultiLayerNetwork fused = sequenceNetwork(BackpropType.TruncatedBPTT);
        FusedLstm.enable(fused, 3);
        SplittableRandom random = new SplittableRandom(5);
        // TBPTT needs 3-d features: [batch, 1, steps] token indices.
        INDArray x = tokens(random, 4, 40, 50).reshape(4, 1, 40);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 2, 40);

        for (int i = 0; i < 3; i++) {
            stock.fit(x, y);
            fused.fit(x, y);
        }
        // 40 steps in 4 segments of 10, 3 times: every segment forward and backward on the fused path.
        assertThat(fused.getIterationCount()).isEqualTo(12);
        assertThat(FusedLstm.passes(fused).orElseThrow().backward()).isEqualTo(12);
        assertClose(fused.params(), stock.params(), TRAJECTORY_TOLERANCE);
    }

    /**
     * Three epochs of the trainer's own loop (Adam, shuffled minibatches, the last one smaller): the same per-batch
     * losses and gradient norms, the same parameters and Adam state after every epoch.
     */
    @Test
    void epochTrainingFollowsTheSameLossTrajectory() {
        RunSpec spec = spec(PAPER_SIZES.replace("\"trainSize\": 96", "\"trainSize\": 80")
                .replace("\"sequenceLength\": 100", "\"sequenceLength\": 40"));
        MultiLayerNetwork stock = SentimentNetworkFactory.create(spec);
        MultiLayerNetwork fused = SentimentNetworkFactory.create(spec);
        LabelledSequences train = randomData(spec, spec.trainSize(), 2);
        EpochTrainer stockTrainer = new EpochTrainer(spec.batchSize(), spec.seed(), false);
        EpochTrainer fusedTrainer = new EpochTrainer(spec.batchSize(), spec.seed());

        for (int epoch = 1; epoch <= 3; epoch++) {
            EpochStatistics expected = stockTrainer.trainEpoch(stock, train, epoch);
            EpochStatistics actual = fusedTrainer.trainEpoch(fused, train, epoch);

            assertThat(actual.batches()).isEqualTo(3);
            assertRelativelyClose(actual.meanBatchLoss(), expected.meanBatchLoss());
            assertRelativelyClose(actual.maxBatchLoss(), expected.maxBatchLoss());
            assertRelativelyClose(actual.meanGradientNorm(), expected.meanGradientNorm());
            assertRelativelyClose(actual.maxGradientNorm(), expected.maxGradientNorm());
            for (Map.Entry<String, INDArray> parameter : stock.paramTable().entrySet()) {
                assertClose(fused.getParam(parameter.getKey()), parameter.getValue(), TRAJECTORY_TOLERANCE);
            }
            assertClose(fused.getUpdater().getStateViewArray(), stock.getUpdater().getStateViewArray(),
                    TRAJECTORY_TOLERANCE);
        }
        // The trainer's default is the fused layer; switched off, the stock one.
        assertThat(FusedLstm.passes(fused)).contains(new FusedLstm.Passes(9, 9, 9));
        assertThat(FusedLstm.isEnabled(stock)).isFalse();
    }

    /**
     * A checkpoint of a fused network is the stock form: the configuration of a stock network trained alike, its
     * parameters and Adam state; it restores as a stock network, which can be switched to the fused layer again.
     */
    @Test
    void checkpointsKeepTheStockForm() {
        RunSpec spec = spec(ODD_SIZES);
        LabelledSequences train = randomData(spec, 10, 4);
        MultiLayerNetwork stock = SentimentNetworkFactory.create(spec);
        MultiLayerNetwork fused = SentimentNetworkFactory.create(spec);
        new EpochTrainer(spec.batchSize(), spec.seed(), false).trainEpoch(stock, train, 1);
        new EpochTrainer(spec.batchSize(), spec.seed(), true).trainEpoch(fused, train, 1);

        Checkpoint checkpoint = CheckpointCodec.encode(fused);
        MultiLayerNetwork restored = CheckpointCodec.decode(checkpoint.bytes());

        assertThat(restored.getLayerWiseConfigurations().toJson())
                .isEqualTo(CheckpointCodec.decode(CheckpointCodec.encode(stock).bytes())
                        .getLayerWiseConfigurations().toJson());
        assertThat(restored.params()).isEqualTo(fused.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(fused.getUpdater().getStateViewArray());
        assertThat(FusedLstm.isEnabled(restored)).isFalse();
        assertThat(FusedLstm.enable(restored)).isEqualTo(1);
        assertThat(FusedLstm.enable(restored)).isEqualTo(1);
    }

    private static void assertGradientsClose(MultiLayerNetwork fused, MultiLayerNetwork stock, INDArray x, INDArray y) {
        stock.setInput(x);
        stock.setLabels(y);
        stock.computeGradientAndScore();
        fused.setInput(x);
        fused.setLabels(y);
        fused.computeGradientAndScore();
        assertRelativelyClose(fused.score(), stock.score());
        Map<String, INDArray> expected = stock.gradient().gradientForVariable();
        Map<String, INDArray> actual = fused.gradient().gradientForVariable();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String key : expected.keySet()) {
            assertClose(actual.get(key), expected.get(key), GRADIENT_TOLERANCE);
        }
    }

    /** max |a − e| ≤ tolerance · max |e|: the error relative to the array's scale. */
    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        double error = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(error).as("max error %s against scale %s", error, scale).isLessThanOrEqualTo(tolerance * scale);
        assertThat(scale).isPositive();
    }

    private static void assertRelativelyClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(GRADIENT_TOLERANCE * Math.abs(expected));
    }

    private static RunSpec spec(String json) {
        return RunSpecParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Uniformly random tokens (padding token 0 included) and labels: the layer sees arbitrary inputs. */
    private static LabelledSequences randomData(RunSpec spec, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] tokens = new int[size][spec.sequenceLength()];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            for (int t = 0; t < spec.sequenceLength(); t++) {
                tokens[i][t] = random.nextInt(spec.vocabularySize());
            }
            labels[i] = random.nextInt(2);
        }
        return new LabelledSequences(tokens, labels);
    }

    private static INDArray features(LabelledSequences data) {
        INDArray x = Nd4j.create(DataType.FLOAT, data.size(), data.sequenceLength());
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < data.sequenceLength(); t++) {
                x.putScalar(i, t, data.tokens()[i][t]);
            }
        }
        return x;
    }

    private static INDArray labels(LabelledSequences data) {
        INDArray y = Nd4j.create(DataType.FLOAT, data.size(), 1);
        for (int i = 0; i < data.size(); i++) {
            y.putScalar(i, 0, data.labels()[i]);
        }
        return y;
    }

    private static INDArray tokens(SplittableRandom random, int batch, int steps, int vocabulary) {
        INDArray x = Nd4j.create(DataType.FLOAT, batch, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                x.putScalar(i, t, random.nextInt(vocabulary));
            }
        }
        return x;
    }

    /** Embedding 50 → 6, LSTM 6 → 9, a 2-unit output with a loss on every step (MSE), Adam; seeded. */
    private static MultiLayerNetwork sequenceNetwork(BackpropType backpropType) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(19)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(50).nOut(6).hasBias(false).build())
                .layer(new LSTM.Builder().nIn(6).nOut(9).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(9).nOut(2)
                        .activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build())
                .backpropType(backpropType).tBPTTLength(10)
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
