package org.descentobservatory.dashboard.domain.descent;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.descentobservatory.dashboard.domain.descent.Tolerances.ARITHMETIC;

class SmoothingTest {

    @Test
    void averagesTheCentredWindowAndCutsItAtTheEnds() {
        double[] smoothed = Smoothing.centredMovingAverage(new double[]{1, 2, 6, 2, 1}, 1);
        // By hand: (1+2)/2, (1+2+6)/3, (2+6+2)/3, (6+2+1)/3, (2+1)/2.
        assertThat(smoothed).containsExactly(new double[]{1.5, 3, 10.0 / 3, 3, 1.5}, within(ARITHMETIC));
    }

    @Test
    void halfWidthZeroIsTheSeriesItself() {
        double[] values = {0.3, 0.1, 0.2};
        assertThat(Smoothing.centredMovingAverage(values, 0)).containsExactly(values);
    }

    @Test
    void propertyAConstantStaysConstantAndTheRangeNeverWidens() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            double[] values = random.doubles(1 + random.nextInt(300), -5, 5).toArray();
            int h = random.nextInt(20);
            double[] smoothed = Smoothing.centredMovingAverage(values, h);
            double min = java.util.Arrays.stream(values).min().orElseThrow();
            double max = java.util.Arrays.stream(values).max().orElseThrow();
            for (double v : smoothed) {
                assertThat(v).isBetween(min - ARITHMETIC, max + ARITHMETIC);
            }
            double[] constant = new double[values.length];
            java.util.Arrays.fill(constant, 0.42);
            for (double v : Smoothing.centredMovingAverage(constant, h)) {
                assertThat(v).isCloseTo(0.42, within(ARITHMETIC));
            }
        }
    }

    @Test
    void aNegativeHalfWidthIsRefused() {
        assertThatThrownBy(() -> Smoothing.centredMovingAverage(new double[]{1}, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
