package org.descentobservatory.trainer.compute.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.ForecastNetworkFactory;
import org.descentobservatory.trainer.compute.MinibatchSource;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.descentobservatory.trainer.compute.task.lorenz.ForecastEvaluator;
import org.descentobservatory.trainer.compute.task.lorenz.LorenzData;

/**
 * The Lorenz-63 forecasting task: standardised windows, the sequence-to-sequence forecaster
 * ({@link ForecastNetworkFactory}), mean squared error ({@link ForecastEvaluator}), the first test windows' inputs
 * as real-valued probes ({@link ProbeSet#ofSeries}).
 */
record ForecastTask(RunSpec spec, LorenzData data) implements TrainingTask {

    @Override
    public MultiLayerNetwork newNetwork() {
        return ForecastNetworkFactory.create(spec);
    }

    @Override
    public MinibatchSource train() {
        return data.train();
    }

    @Override
    public SplitMetrics evaluateTrain(MultiLayerNetwork network) {
        return ForecastEvaluator.evaluate(network, data.train());
    }

    @Override
    public SplitMetrics evaluateTest(MultiLayerNetwork network) {
        return ForecastEvaluator.evaluate(network, data.test());
    }

    @Override
    public ProbeSet probeSet(String runId) {
        return ProbeSet.ofSeries(runId, data.test().inputs(spec.probeCount()));
    }
}
