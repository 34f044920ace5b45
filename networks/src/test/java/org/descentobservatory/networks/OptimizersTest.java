package org.descentobservatory.networks;

import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptimizersTest {

    @Test
    void eachOptimizerHasTheSpecsLearningRateAndKerasDefaults() {
        RunSpec adam = withOptimizer(RunSpec.ADAM, 3e-6);

        assertThat(Optimizers.of(adam)).isInstanceOfSatisfying(Adam.class, updater -> {
            assertThat(updater.getLearningRate()).isEqualTo(adam.learningRate());
            assertThat(updater.getBeta1()).isEqualTo(0.9);
            assertThat(updater.getBeta2()).isEqualTo(0.999);
            assertThat(updater.getEpsilon()).isEqualTo(3e-6);
        });
        assertThat(Optimizers.of(withOptimizer(RunSpec.RMSPROP, 3e-6))).isInstanceOfSatisfying(RmsProp.class,
                updater -> {
                    assertThat(updater.getLearningRate()).isEqualTo(adam.learningRate());
                    assertThat(updater.getRmsDecay()).isEqualTo(0.9);
                    assertThat(updater.getEpsilon()).isEqualTo(1e-7);
                });
        assertThat(Optimizers.of(withOptimizer(RunSpec.SGD, 3e-6))).isInstanceOfSatisfying(Sgd.class,
                updater -> assertThat(updater.getLearningRate()).isEqualTo(adam.learningRate()));
        assertThatThrownBy(() -> Optimizers.of(withOptimizer("adagrad", 1e-7))).hasMessageContaining("adagrad");
    }

    @Test
    void theNetworkTrainsWithTheChosenOptimizer() {
        RunSpec sgd = withOptimizer(RunSpec.SGD, 1e-7);

        var network = SentimentNetworkFactory.create(sgd);

        assertThat(network.getLayer(1).conf().getLayer().getUpdaterByParam("W")).isInstanceOf(Sgd.class);
    }

    private static RunSpec withOptimizer(String optimizer, double adamEpsilon) {
        RunSpec b = NetworkSpecs.tiny(1);
        return new RunSpec(b.task(), b.vocabularySize(), b.embeddingSize(), b.hiddenSize(), b.sequenceLength(),
                b.trainSize(), b.testSize(), b.labelNoise(), b.learningRate(), b.batchSize(), b.epochs(), b.seed(),
                b.probeCount(), b.architecture(), b.paddingSide(), adamEpsilon, null, optimizer, 1, null, null, null,
                null);
    }
}
