package org.descentobservatory.trainer.compute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SplitTallyTest {

    /** −ln 0.9, −ln(1 − 0.2), −ln(1 − 0.7), −ln 0.4: the losses of the four reviews below. */
    private static final double[] LOSSES = {0.10536051565782628, 0.2231435513142097, 1.2039728043259361,
            0.916290731874155};

    @Test
    void wrongLossIsTheMeanLossOfTheMisclassifiedReviewsOnly() {
        SplitTally tally = new SplitTally();
        // Reviews 0 and 1 are right; 2 (p = 0.7, negative) and 3 (p = 0.4, positive) are wrong. Two chunks.
        tally.add(new double[] {0.9, 0.2}, new int[] {1, 0});
        tally.add(new double[] {0.7, 0.4}, new int[] {0, 1});

        SplitMetrics metrics = tally.metrics();

        assertThat(metrics.meanLoss()).isCloseTo((LOSSES[0] + LOSSES[1] + LOSSES[2] + LOSSES[3]) / 4,
                within(TestSpecs.DOUBLE_TOLERANCE));
        assertThat(metrics.accuracy()).isEqualTo(0.5);
        assertThat(metrics.wrongLoss()).isCloseTo((LOSSES[2] + LOSSES[3]) / 2, within(TestSpecs.DOUBLE_TOLERANCE));
    }

    @Test
    void anOutputOfOneHalfIsAPositivePrediction() {
        SplitTally tally = new SplitTally();
        tally.add(new double[] {0.5, 0.5}, new int[] {1, 0});

        SplitMetrics metrics = tally.metrics();

        assertThat(metrics.accuracy()).isEqualTo(0.5);
        assertThat(metrics.wrongLoss()).isCloseTo(Math.log(2), within(TestSpecs.DOUBLE_TOLERANCE));
    }

    @Test
    void wrongLossIsAbsentWhenEveryReviewIsRight() {
        SplitTally tally = new SplitTally();
        tally.add(new double[] {0.9, 0.2, 0.5}, new int[] {1, 0, 1});

        SplitMetrics metrics = tally.metrics();

        assertThat(metrics.accuracy()).isEqualTo(1.0);
        assertThat(metrics.wrongLoss()).isNull();
    }
}
