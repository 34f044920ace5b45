package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightNormsTest {

    /**
     * With every parameter set to 1, an array's L2 norm is √(its number of elements); the shapes are the factory's
     * documented layout: 0_W [V, E], 1_W [E, 4H], 1_RW [H, 4H], 1_b [4H], 2_W [H, 1], 2_b [1].
     */
    @Test
    void normsOfAllOnesParametersAreTheRootsOfTheArraySizes() {
        RunSpec spec = NetworkSpecs.tiny(42);
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        network.setParams(network.params().assign(1));
        int v = spec.vocabularySize();
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();

        Map<String, Double> norms = WeightNorms.of(network);

        assertThat(norms).containsOnlyKeys("0_W", "1_W", "1_RW", "1_b", "2_W", "2_b");
        assertThat(norms.keySet()).containsExactly("0_W", "1_W", "1_RW", "1_b", "2_W", "2_b");
        assertThat(norms.get("0_W")).isCloseTo(Math.sqrt(v * e), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(norms.get("1_W")).isCloseTo(Math.sqrt(e * 4 * h), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(norms.get("1_RW")).isCloseTo(Math.sqrt(h * 4 * h), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(norms.get("1_b")).isCloseTo(Math.sqrt(4 * h), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(norms.get("2_W")).isCloseTo(Math.sqrt(h), within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(norms.get("2_b")).isCloseTo(1.0, within(TestSpecs.FLOAT_TOLERANCE));
    }

    /** After training, each norm is √(Σ x²) of that parameter array, recomputed in double. */
    @Test
    void normsAreThoseOfTheTrainedParameterArrays() {
        RunSpec spec = NetworkSpecs.tiny(42);
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        new EpochTrainer(spec.batchSize(), spec.seed())
                .trainEpoch(network, SyntheticSentimentTask.generate(spec).train(), 1);

        Map<String, Double> norms = WeightNorms.of(network);

        assertThat(norms.keySet()).isEqualTo(network.paramTable().keySet());
        network.paramTable().forEach((key, parameters) -> {
            double sumOfSquares = 0;
            for (double x : parameters.dup().ravel().toDoubleVector()) {
                sumOfSquares += x * x;
            }
            assertThat(norms.get(key)).as(key).isCloseTo(Math.sqrt(sumOfSquares),
                    within(TestSpecs.FLOAT_TOLERANCE * Math.max(1, Math.sqrt(sumOfSquares))));
        });
    }
}
