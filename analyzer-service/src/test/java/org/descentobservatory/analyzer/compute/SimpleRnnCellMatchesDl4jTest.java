package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.analyzer.compute.RnnTimeStepReference.H;
import static org.descentobservatory.analyzer.compute.RnnTimeStepReference.N;

/**
 * The reference is Deeplearning4j 1.0.0-M2.1 itself ({@link RnnTimeStepReference}), as in
 * {@link LstmCellMatchesDl4jTest}, reading the SimpleRnn layer's state ({@code prevAct} = h, its only state) after
 * every step.
 */
class SimpleRnnCellMatchesDl4jTest {

    private static final long SEED = 20250527L;
    /** Contracting, not saturated. */
    private static final double RECURRENT_GAIN = 0.9;

    @Test
    void hiddenStatesMatchRnnTimeStepAfterEveryStep() {
        MultiLayerNetwork tokenNet = RnnTimeStepReference.tokenNetwork(simpleRnn(), SEED);
        RnnTimeStepReference.randomise(tokenNet, new Random(SEED), RECURRENT_GAIN);
        SimpleRnnCell cell = new SimpleRnnCell(SimpleRnnParameters.from(tokenNet));

        double largestH = RnnTimeStepReference.stepAlongside(tokenNet, SimpleRnnCellMatchesDl4jTest::simpleRnn, SEED,
                cell, SimpleRnnCellMatchesDl4jTest::assertSameState);

        // The weights must drive the cell well away from 0, or matching would prove little.
        assertThat(largestH).isGreaterThan(0.5);
    }

    private static double assertSameState(Map<String, INDArray> dl4j, SimpleRnnState s, int t) {
        assertThat(dl4j).containsOnlyKeys("prevAct");
        INDArray h = dl4j.get("prevAct");
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < H; j++) {
                assertThat(s.h().getDouble(n, j)).as("h[%d][%d] at step %d", n, j, t)
                        .isCloseTo(h.getDouble(n, j), within(Tolerances.SIMPLE_RNN_MATCH));
            }
        }
        return h.amaxNumber().doubleValue();
    }

    private static Layer simpleRnn() {
        return new SimpleRnn.Builder().nIn(RnnTimeStepReference.E).nOut(H).activation(Activation.TANH).build();
    }
}
