package org.descentobservatory.trainer.compute.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.MinibatchSource;
import org.descentobservatory.trainer.compute.SentimentData;
import org.descentobservatory.trainer.compute.SentimentNetworkFactory;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.SplitMetrics;

/**
 * A sentiment task (synthetic or IMDb): token reviews, the paper's classifier ({@link SentimentNetworkFactory}),
 * binary cross-entropy and accuracy ({@link SplitEvaluator}), the first test reviews as token probes.
 */
record SentimentTask(RunSpec spec, SentimentData data) implements TrainingTask {

    @Override
    public MultiLayerNetwork newNetwork() {
        return SentimentNetworkFactory.create(spec);
    }

    @Override
    public MinibatchSource train() {
        return data.train();
    }

    @Override
    public SplitMetrics evaluateTrain(MultiLayerNetwork network) {
        return SplitEvaluator.evaluate(network, data.train());
    }

    @Override
    public SplitMetrics evaluateTest(MultiLayerNetwork network) {
        return SplitEvaluator.evaluate(network, data.test());
    }

    @Override
    public ProbeSet probeSet(String runId) {
        return ProbeSet.of(runId, data.test().firstSequences(spec.probeCount()));
    }
}
