package org.descentobservatory.dashboard.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BifurcationDensityTest {

    @Test
    void countsEveryFiniteReadoutInExactlyOneCell() {
        Random random = new Random(9);
        TreeMap<Integer, double[]> readouts = new TreeMap<>();
        for (int epoch = 1; epoch <= 1000; epoch++) {
            double[] values = random.doubles(50, -3, 3).toArray();
            if (epoch == 7) {
                values[0] = Double.NaN;
            }
            readouts.put(epoch, values);
        }

        BifurcationDensity.Grid grid = BifurcationDensity.of(readouts, 300, 40, false);

        assertThat(grid.columns()).hasSize(300);
        assertThat(grid.points()).isEqualTo(1000L * 50 - 1);
        assertThat(grid.nonFinite()).isEqualTo(1);
        long counted = grid.columns().stream().mapToLong(c -> Arrays.stream(c.counts()).sum()).sum();
        assertThat(counted).isEqualTo(grid.points());
        assertThat(grid.columns().get(0).fromEpoch()).isEqualTo(1);
        assertThat(grid.columns().get(299).toEpoch()).isEqualTo(1000);
        for (int c = 1; c < grid.columns().size(); c++) {
            assertThat(grid.columns().get(c).fromEpoch()).isEqualTo(grid.columns().get(c - 1).toEpoch() + 1);
        }
    }

    @Test
    void centringCollapsesAnOrderedEpochToTheMiddleAndSpreadsAChaoticOne() {
        TreeMap<Integer, double[]> readouts = new TreeMap<>();
        readouts.put(1, new double[]{5, 5, 5, 5});          // order: all probes at one point, far from 0
        readouts.put(2, new double[]{-1, -0.3, 0.3, 1});    // chaos: scattered, mean 0

        BifurcationDensity.Grid grid = BifurcationDensity.of(readouts, 10, 4, true);

        assertThat(grid.minReadout()).isEqualTo(-1);
        assertThat(grid.maxReadout()).isEqualTo(1);
        assertThat(grid.columns().get(0).counts()).containsExactly(0, 0, 4, 0);
        assertThat(grid.columns().get(1).counts()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void noReadoutsGiveAnEmptyGrid() {
        assertThat(BifurcationDensity.of(new TreeMap<>(), 10, 10, true).columns()).isEmpty();
    }
}
