package org.descentobservatory.trainer.compute;

import org.nd4j.linalg.dataset.DataSet;

/** A training split that {@link EpochTrainer} can cut into minibatches in any order. */
public interface MinibatchSource {

    /** Number of samples. */
    int size();

    /** The samples {@code rows[from..to)} as one minibatch of the network's input and label tensors. */
    DataSet minibatch(int[] rows, int from, int to);
}
