package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.analyzer.compute.RnnTimeStepReference.H;
import static org.descentobservatory.analyzer.compute.RnnTimeStepReference.N;
import static org.descentobservatory.analyzer.compute.RnnTimeStepReference.V;

/**
 * The reference is Deeplearning4j 1.0.0-M2.1 itself ({@link RnnTimeStepReference}), reading the LSTM layer's state
 * ({@code prevAct} = h, {@code prevMem} = c) after every step.
 */
class LstmCellMatchesDl4jTest {

    private static final long SEED = 20250526L;
    /** "Trained" magnitude, not chaotic. */
    private static final double RECURRENT_GAIN = 1.5;

    @Test
    void hiddenAndCellStatesMatchRnnTimeStepAfterEveryStep() {
        MultiLayerNetwork tokenNet = RnnTimeStepReference.tokenNetwork(lstm(), SEED);
        RnnTimeStepReference.randomise(tokenNet, new Random(SEED), RECURRENT_GAIN);
        LstmCell cell = new LstmCell(LstmParameters.from(tokenNet));

        double largestH = RnnTimeStepReference.stepAlongside(tokenNet, LstmCellMatchesDl4jTest::lstm, SEED, cell,
                LstmCellMatchesDl4jTest::assertSameState);

        // The weights must drive the cell well away from 0, or matching would prove little.
        assertThat(largestH).isGreaterThan(0.5);
    }

    @Test
    void inputDriveOfEmbeddingRowsEqualsTokenDrive() {
        MultiLayerNetwork tokenNet = RnnTimeStepReference.tokenNetwork(lstm(), SEED);
        RnnTimeStepReference.randomise(tokenNet, new Random(SEED + 2), RECURRENT_GAIN);
        LstmParameters theta = LstmParameters.from(tokenNet);
        LstmCell cell = new LstmCell(theta);
        int[] tokens = {0, 3, V - 1};

        INDArray viaEmbedding = cell.inputDrive(Nd4j.pullRows(theta.eTok(), 1, tokens));

        assertThat(cell.tokenDrive(tokens).equalsWithEps(viaEmbedding, Tolerances.LSTM_MATCH)).isTrue();
    }

    private static double assertSameState(Map<String, INDArray> dl4j, LstmState s, int t) {
        INDArray h = dl4j.get("prevAct");
        INDArray c = dl4j.get("prevMem");
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < H; j++) {
                assertThat(s.h().getDouble(n, j)).as("h[%d][%d] at step %d", n, j, t)
                        .isCloseTo(h.getDouble(n, j), within(Tolerances.LSTM_MATCH));
                assertThat(s.c().getDouble(n, j)).as("c[%d][%d] at step %d", n, j, t)
                        .isCloseTo(c.getDouble(n, j), within(Tolerances.LSTM_MATCH));
            }
        }
        return h.amaxNumber().doubleValue();
    }

    private static Layer lstm() {
        return new LSTM.Builder().nIn(RnnTimeStepReference.E).nOut(H).activation(Activation.TANH).build();
    }
}
