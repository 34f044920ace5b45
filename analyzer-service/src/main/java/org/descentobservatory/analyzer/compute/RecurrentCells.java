package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Picks the double-precision cell for a restored network by the type of its layer 1. */
public final class RecurrentCells {

    private RecurrentCells() {
    }

    /**
     * The {@link LstmCell} of an embedding + {@link LSTM} network, or the {@link SimpleRnnCell} of an embedding +
     * {@link SimpleRnn} one (layer 1 bare or inside a {@code LastTimeStep}). Cost: the parameter copy and the
     * token-drive table, one V×E by E×(4H or H) gemm.
     *
     * @throws IllegalArgumentException if layer 1 is neither, or its parameters do not fit, naming the problem
     */
    public static RecurrentCell<?> of(MultiLayerNetwork net) {
        return RecurrentParameters.from(net).cell();
    }
}
