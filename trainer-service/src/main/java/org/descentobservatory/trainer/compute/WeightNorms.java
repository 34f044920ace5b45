package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L2 (Frobenius) norm of each of a network's parameter arrays, keyed by Deeplearning4j's parameter key
 * (layer index, underscore, parameter name: {@code 0_W}, {@code 1_W}, {@code 1_RW}, {@code 1_b}, {@code 2_W},
 * {@code 2_b}), in the network's parameter order. Growth of these norms is one of the training-instability signals
 * the checkpoint event carries. Cost: O(P) over the P parameters.
 */
public final class WeightNorms {

    private WeightNorms() {
    }

    public static Map<String, Double> of(MultiLayerNetwork network) {
        Map<String, Double> norms = new LinkedHashMap<>();
        network.paramTable().forEach((key, parameters) -> norms.put(key, parameters.norm2Number().doubleValue()));
        return norms;
    }
}
