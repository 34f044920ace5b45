package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.function.Consumer;

/**
 * Networks the trainer never builds, for the tests of what the analyzer accepts beyond the trainer's networks or
 * refuses: a copy of the configuration of one of the trainer's networks (module networks) with one change, so that
 * everything else follows the trainer's architecture, as a change of it would.
 */
final class NetworkVariants {

    private NetworkVariants() {
    }

    /**
     * A new, initialised network of {@code trainers}' configuration after {@code change}. Do not use {@code trainers}
     * afterwards: the copy may share layer configurations with it.
     */
    static MultiLayerNetwork of(MultiLayerNetwork trainers, Consumer<MultiLayerConfiguration> change) {
        MultiLayerConfiguration configuration = trainers.getLayerWiseConfigurations().clone();
        change.accept(configuration);
        MultiLayerNetwork variant = new MultiLayerNetwork(configuration);
        variant.init();
        return variant;
    }
}
