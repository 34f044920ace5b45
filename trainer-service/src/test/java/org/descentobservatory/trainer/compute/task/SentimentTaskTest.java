package org.descentobservatory.trainer.compute.task;

import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.SentimentData;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.SyntheticSentimentTask;
import org.descentobservatory.trainer.compute.task.imdb.ArchiveCache;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentiment task as {@link TrainingTasks} prepares it ({@link SplitTask#sentiment}): the paper's classifier, the
 * generated splits, {@link SplitEvaluator} on each, the first test reviews as token probes.
 */
class SentimentTaskTest {

    private static final RunSpec SPEC = new RunSpec(RunSpec.SYNTHETIC_SENTIMENT, 64, 4, 5, 12, 40, 30, 0.2, 1e-3, 8,
            1, 42, 6, RunSpec.LSTM, RunSpec.PADDING_PRE, RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null,
            null, null, null);

    private final TrainingTask task = new TrainingTasks(new ArchiveCache(Path.of("unused"), 1)).prepare(SPEC);
    private final SentimentData data = SyntheticSentimentTask.generate(SPEC);

    @Test
    void everyNetworkIsAFreshSeededClassifier() {
        MultiLayerNetwork first = task.newNetwork();
        MultiLayerNetwork second = task.newNetwork();

        assertThat(second).isNotSameAs(first);
        assertThat(second.params()).isEqualTo(first.params());
        assertThat(first.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(LastTimeStep.class);
    }

    @Test
    void eachSplitIsMeasuredByTheClassifiersEvaluator() {
        MultiLayerNetwork network = task.newNetwork();

        assertThat(task.train().size()).isEqualTo(SPEC.trainSize());
        assertThat(task.evaluateTrain(network)).isEqualTo(SplitEvaluator.evaluate(network, data.train()));
        assertThat(task.evaluateTest(network)).isEqualTo(SplitEvaluator.evaluate(network, data.test()));
        assertThat(task.evaluateTest(network).accuracy()).isNotNull();
    }

    @Test
    void theProbesAreTheFirstTestReviews() {
        ProbeSet probes = task.probeSet("run-s");

        assertThat(probes.runId()).isEqualTo("run-s");
        assertThat(probes.series()).isNull();
        assertThat(probes.tokens()).isDeepEqualTo(data.test().firstSequences(SPEC.probeCount()));
    }
}
