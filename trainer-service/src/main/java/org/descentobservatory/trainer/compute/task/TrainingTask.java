package org.descentobservatory.trainer.compute.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.trainer.compute.MinibatchSource;
import org.descentobservatory.trainer.compute.SplitMetrics;

/**
 * A run's data with the network and the measures that fit it: what the run executor needs, whatever the task.
 * Prepared once per run by {@link TrainingTasks#prepare}; its data are immutable.
 */
public interface TrainingTask {

    /** A fresh, initialised network for the run's spec. */
    MultiLayerNetwork newNetwork();

    /** The training split, cut into minibatches by {@code EpochTrainer}. */
    MinibatchSource train();

    /** The network's loss (and, for classification, accuracy) over the training split. */
    SplitMetrics evaluateTrain(MultiLayerNetwork network);

    /** The same over the test split. */
    SplitMetrics evaluateTest(MultiLayerNetwork network);

    /** The analyzer's probe set: the first {@code probeCount} test samples, as the network reads them. */
    ProbeSet probeSet(String runId);
}
