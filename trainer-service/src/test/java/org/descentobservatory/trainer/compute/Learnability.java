package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.domain.DefaultRunSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learnability check shared by the network tests: the default network, at the default learning rate and batch
 * size, on a reduced data set (shorter reviews, fewer of them, no label noise), beats chance clearly on clean test
 * reviews within a few epochs. This is the property that makes the default run's first descent meaningful.
 */
final class Learnability {

    private static final int LENGTH = 40;
    private static final int TRAIN = 400;
    private static final int TEST = 200;

    private Learnability() {
    }

    /** {@link DefaultRunSpec#SPEC} on the reduced data set, with the given architecture, epochs and clipping. */
    static RunSpec reducedDefault(String architecture, int epochs, Double gradientClipping) {
        RunSpec base = DefaultRunSpec.SPEC;
        return new RunSpec(base.task(), base.vocabularySize(), base.embeddingSize(), base.hiddenSize(), LENGTH, TRAIN,
                TEST, 0.0, base.learningRate(), base.batchSize(), epochs, base.seed(), 10, architecture,
                base.paddingSide(), base.adamEpsilon(), gradientClipping, base.optimizer(), base.checkpointInterval(),
                null, null, null, null);
    }

    /** Trains a fresh network of {@code spec} for its epochs: test accuracy above 0.7 and a lower test loss. */
    static void assertLearns(RunSpec spec) {
        SentimentData data = SyntheticSentimentTask.generate(spec);
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed());

        SplitMetrics before = SplitEvaluator.evaluate(network, data.test());
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            trainer.trainEpoch(network, data.train(), epoch);
        }
        SplitMetrics after = SplitEvaluator.evaluate(network, data.test());

        assertThat(after.accuracy()).isGreaterThan(0.7);
        assertThat(after.meanLoss()).isLessThan(before.meanLoss());
    }
}
