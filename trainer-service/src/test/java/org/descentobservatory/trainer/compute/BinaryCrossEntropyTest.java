package org.descentobservatory.trainer.compute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinaryCrossEntropyTest {

    @Test
    void meanMatchesAHandComputation() {
        // −[ln 0.9 + ln(1 − 0.2) + ln(1 − 0.6)] / 3 = (0.1053605157 + 0.2231435513 + 0.9162907319) / 3
        double expected = (0.10536051565782628 + 0.2231435513142097 + 0.916290731874155) / 3;

        double mean = BinaryCrossEntropy.mean(new double[] {0.9, 0.2, 0.6}, new int[] {1, 0, 0});

        assertThat(mean).isCloseTo(expected, within(TestSpecs.DOUBLE_TOLERANCE));
    }

    @Test
    void saturatedWrongPredictionsAreClippedToAFiniteLoss() {
        double loss = BinaryCrossEntropy.mean(new double[] {0.0, 1.0}, new int[] {1, 0});

        assertThat(loss).isCloseTo(-Math.log(BinaryCrossEntropy.EPSILON), within(1e-6));
    }
}
