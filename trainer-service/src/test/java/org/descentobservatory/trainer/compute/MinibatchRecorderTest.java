package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-minibatch loss and gradient norm that {@link EpochTrainer} records through {@link MinibatchRecorder}. */
class MinibatchRecorderTest {

    /** Float32 gradient norms against a float64 recomputation. */
    private static final double NORM_TOLERANCE = 1e-4;
    /** Central-difference step along the unit gradient direction, in float64. */
    private static final double STEP = 1e-4;
    /** Relative error of a float64 central difference with step {@link #STEP}: O(STEP²) plus rounding. */
    private static final double DIFFERENCE_TOLERANCE = 1e-5;

    private final RunSpec spec = NetworkSpecs.tiny(42);
    private final LabelledSequences train = SyntheticSentimentTask.generate(spec).train();

    /**
     * With one minibatch holding the whole split, the epoch's one recorded step is at the initial parameters, so it can
     * be recomputed on a fresh network of the same seed, in double precision: the loss is the mean binary cross-entropy
     * of its outputs, and the gradient norm is ‖g‖ for g the gradient of that mean, checked (a) against DL4J's own
     * {@code computeGradientAndScore}, whose raw gradient is that of the summed loss, i.e. n·g for n reviews, and (b)
     * independently of backpropagation, as the central difference of the loss along the unit direction u = g / ‖g‖,
     * whose derivative is g·u = ‖g‖.
     */
    @Test
    void aMinibatchsLossAndGradientNormAreThoseOfItsMeanCrossEntropyBeforeTheStep() {
        EpochStatistics statistics = new EpochTrainer(train.size(), spec.seed())
                .trainEpoch(SentimentNetworkFactory.create(spec), train, 1);

        MultiLayerNetwork initial = SentimentNetworkFactory.create(spec).convertDataType(DataType.DOUBLE);
        int[] all = SequenceTensors.inOrder(train.size());
        DataSet batch = SequenceTensors.dataSet(train, all, 0, all.length);
        batch.setFeatures(batch.getFeatures().castTo(DataType.DOUBLE));
        batch.setLabels(batch.getLabels().castTo(DataType.DOUBLE));
        double[] p = initial.output(batch.getFeatures(), false).toDoubleVector();
        initial.setInput(batch.getFeatures());
        initial.setLabels(batch.getLabels());
        initial.computeGradientAndScore();
        INDArray gradient = initial.gradient().gradient().div(train.size());
        double gradientNorm = gradient.norm2Number().doubleValue();

        assertThat(statistics.batches()).isEqualTo(1);
        assertThat(statistics.maxBatchLoss()).isEqualTo(statistics.meanBatchLoss());
        assertThat(statistics.meanBatchLoss())
                .isCloseTo(BinaryCrossEntropy.mean(p, train.labels()), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(statistics.meanGradientNorm()).isEqualTo(statistics.maxGradientNorm())
                .isCloseTo(gradientNorm, within(NORM_TOLERANCE * gradientNorm));
        assertThat(centralDifference(initial, batch, gradient.div(gradientNorm)))
                .isCloseTo(gradientNorm, within(DIFFERENCE_TOLERANCE * gradientNorm));
    }

    @Test
    void anEpochRecordsEveryMinibatchAndItsLargestValues() {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed());

        for (int epoch = 1; epoch <= 3; epoch++) {
            EpochStatistics statistics = trainer.trainEpoch(network, train, epoch);

            // 40 reviews in batches of 8.
            assertThat(statistics.batches()).isEqualTo((train.size() + spec.batchSize() - 1) / spec.batchSize());
            assertThat(statistics.meanBatchLoss()).isPositive().isFinite();
            assertThat(statistics.maxBatchLoss()).isGreaterThanOrEqualTo(statistics.meanBatchLoss()).isFinite();
            assertThat(statistics.meanGradientNorm()).isPositive().isFinite();
            assertThat(statistics.maxGradientNorm()).isGreaterThanOrEqualTo(statistics.meanGradientNorm()).isFinite();
        }
    }

    @Test
    void theRecorderIsAttachedForTheEpochOnly() {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        TrainingListener own = new ScoreIterationListener(1_000);
        network.setListeners(own);

        new EpochTrainer(spec.batchSize(), spec.seed()).trainEpoch(network, train, 1);

        assertThat(network.getListeners()).containsExactly(own);
    }

    /** (f(θ + h·u) − f(θ − h·u)) / 2h for the network's score f on {@code batch}; leaves θ as it was. */
    private static double centralDifference(MultiLayerNetwork network, DataSet batch, INDArray direction) {
        INDArray theta = network.params().dup();
        network.setParams(theta.add(direction.mul(STEP)));
        double plus = network.score(batch);
        network.setParams(theta.sub(direction.mul(STEP)));
        double minus = network.score(batch);
        network.setParams(theta);
        return (plus - minus) / (2 * STEP);
    }
}
