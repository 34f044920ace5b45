package org.descentobservatory.trainer.compute.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.ForecastNetworkFactory;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.LabelledSequences;
import org.descentobservatory.trainer.compute.MinibatchSource;
import org.descentobservatory.trainer.compute.SentimentData;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.SplitMetrics;
import org.descentobservatory.trainer.compute.task.lorenz.ForecastEvaluator;
import org.descentobservatory.trainer.compute.task.lorenz.LorenzData;
import org.descentobservatory.trainer.compute.task.lorenz.LorenzWindows;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A task whose data are a training and a test split of one kind S, both measured by one evaluator, with the probe set
 * taken from the test split: what every task of the trainer is. {@link #sentiment} and {@link #forecast} say which
 * network, evaluator and probes each kind of data goes with.
 *
 * @param networks  a fresh, initialised network for the run's spec at every call
 * @param train     the training split
 * @param test      the test split
 * @param evaluator the loss (and, for classification, accuracy) of a network over a split
 * @param probes    the probe set of a run id
 * @param <S>       the kind of split
 */
record SplitTask<S extends MinibatchSource>(Supplier<MultiLayerNetwork> networks, S train, S test,
                                            SplitTask.Evaluator<S> evaluator, Function<String, ProbeSet> probes)
        implements TrainingTask {

    /** Measures a network over a whole split. */
    @FunctionalInterface
    interface Evaluator<S> {
        SplitMetrics evaluate(MultiLayerNetwork network, S split);
    }

    /**
     * A sentiment task (synthetic or IMDb): token reviews, the paper's classifier ({@link SentimentNetworkFactory}),
     * binary cross-entropy and accuracy ({@link SplitEvaluator}), the first test reviews as token probes.
     */
    static SplitTask<LabelledSequences> sentiment(RunSpec spec, SentimentData data) {
        return new SplitTask<>(() -> SentimentNetworkFactory.create(spec), data.train(), data.test(),
                SplitEvaluator::evaluate, runId -> ProbeSet.of(runId, data.test().firstSequences(spec.probeCount())));
    }

    /**
     * The Lorenz-63 forecasting task: standardised windows, the sequence-to-sequence forecaster
     * ({@link ForecastNetworkFactory}), mean squared error ({@link ForecastEvaluator}), the first test windows' inputs
     * as real-valued probes ({@link ProbeSet#ofSeries}).
     */
    static SplitTask<LorenzWindows> forecast(RunSpec spec, LorenzData data) {
        return new SplitTask<>(() -> ForecastNetworkFactory.create(spec), data.train(), data.test(),
                ForecastEvaluator::evaluate, runId -> ProbeSet.ofSeries(runId, data.test().inputs(spec.probeCount())));
    }

    @Override
    public MultiLayerNetwork newNetwork() {
        return networks.get();
    }

    @Override
    public SplitMetrics evaluateTrain(MultiLayerNetwork network) {
        return evaluator.evaluate(network, train);
    }

    @Override
    public SplitMetrics evaluateTest(MultiLayerNetwork network) {
        return evaluator.evaluate(network, test);
    }

    @Override
    public ProbeSet probeSet(String runId) {
        return probes.apply(runId);
    }
}
