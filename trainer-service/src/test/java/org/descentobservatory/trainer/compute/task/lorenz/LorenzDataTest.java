package org.descentobservatory.trainer.compute.task.lorenz;

import org.descentobservatory.dynamics.Lorenz63;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LorenzDataTest {

    /** Float32 tensors against the double states they were made from. */
    private static final double FLOAT_TOLERANCE = 1e-6;
    /** Statistics of standardised samples: rounding, and one of the n samples read back through float32. */
    private static final double STATISTICS_TOLERANCE = 1e-8;

    private final RunSpec spec = LorenzSpecs.spec(8, 20, 30, 10, 1e-3, 1, 42, 0.05, RunSpec.LSTM);
    private final LorenzData data = LorenzData.generate(spec);

    @Test
    void theTrainingPartIsStandardisedPerComponentByItsOwnStatistics() {
        double[][] train = states(data.train(), spec.trainSize());
        for (int d = 0; d < 3; d++) {
            int component = d;
            double mean = Arrays.stream(train).mapToDouble(s -> s[component]).average().orElseThrow();
            double meanSquare = Arrays.stream(train).mapToDouble(s -> s[component] * s[component]).average()
                    .orElseThrow();
            assertThat(mean).as("mean of component %d", d).isCloseTo(0, within(STATISTICS_TOLERANCE));
            assertThat(meanSquare - mean * mean).as("variance of component %d", d)
                    .isCloseTo(1, within(STATISTICS_TOLERANCE));
        }
        // The attractor's z is positive with mean about 23.5: the statistics are those of the attractor, not of
        // the initial box.
        assertThat(data.standardisation().mean()[2]).isBetween(15.0, 30.0);
    }

    @Test
    void eachWindowTargetsItsNextStateAndTheTestWindowsContinueTheTrajectory() {
        DataSet first = data.train().minibatch(new int[] {0, 1}, 0, 2);
        INDArray inputs = first.getFeatures();
        INDArray targets = first.getLabels();
        assertThat(inputs.shape()).containsExactly(2, 3, spec.sequenceLength());
        for (int w = 0; w < 2; w++) {
            for (int t = 0; t + 1 < spec.sequenceLength(); t++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(targets.getDouble(w, d, t)).isEqualTo(inputs.getDouble(w, d, t + 1));
                }
            }
        }
        // Window 1 starts where window 0's targets end.
        for (int d = 0; d < 3; d++) {
            assertThat(inputs.getDouble(1, d, 0)).isEqualTo(targets.getDouble(0, d, spec.sequenceLength() - 1));
        }
        // The first test window starts at the last training target.
        int last = spec.trainSize() - 1;
        DataSet lastTrain = data.train().minibatch(new int[] {last}, 0, 1);
        double[][] test = data.test().inputs(1)[0];
        for (int d = 0; d < 3; d++) {
            assertThat(test[0][d]).isCloseTo(lastTrain.getLabels().getDouble(0, d, spec.sequenceLength() - 1),
                    within(FLOAT_TOLERANCE));
        }
    }

    @Test
    void consecutiveSamplesAreOneSamplingStepOfTheLorenzFlowApart() {
        double dt = spec.samplingStep();
        double[][] raw = LorenzData.sampled(LorenzData.initialState(3), dt, 50);
        Lorenz63 lorenz = Lorenz63.classical();
        for (int i = 0; i + 1 < raw.length; i++) {
            // The reference: 50 RK4 steps of 0.001 from the same sample. RK4's error at the task's steps of at most
            // 0.01 is up to about 1.4e-4 per sample here (a single step of 0.05 is off by up to about 1.6e-2).
            double[] reference = raw[i];
            for (int k = 0; k < 50; k++) {
                reference = lorenz.step(reference, dt / 50);
            }
            for (int d = 0; d < 3; d++) {
                assertThat(raw[i + 1][d]).isCloseTo(reference[d], within(1e-3));
            }
        }
    }

    @Test
    void theProbesAreTheFirstTestWindowsInStandardisedUnits() {
        ProbeSet probes = ProbeSet.ofSeries("run-x", data.test().inputs(spec.probeCount()));

        assertThat(probes.probeCount()).isEqualTo(spec.probeCount());
        assertThat(probes.sequenceLength()).isEqualTo(spec.sequenceLength());
        DataSet windows = data.test().minibatch(new int[] {0, 1, 2}, 0, 3);
        for (int w = 0; w < 3; w++) {
            for (int t = 0; t < spec.sequenceLength(); t++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(probes.series()[w][t][d]).isCloseTo(windows.getFeatures().getDouble(w, d, t),
                            within(FLOAT_TOLERANCE));
                }
            }
        }
    }

    @Test
    void theSeedChoosesTheTrajectory() {
        LorenzData again = LorenzData.generate(spec);
        LorenzData other = LorenzData.generate(LorenzSpecs.spec(8, 20, 30, 10, 1e-3, 1, 43, 0.05, RunSpec.LSTM));

        assertThat(again.test().inputs(3)).isDeepEqualTo(data.test().inputs(3));
        assertThat(Arrays.deepEquals(other.test().inputs(3), data.test().inputs(3))).isFalse();
    }

    @Test
    void persistenceErrorGrowsWithTheSamplingStep() {
        double fine = LorenzData.generate(LorenzSpecs.spec(8, 20, 30, 10, 1e-3, 1, 42, 0.01, RunSpec.LSTM)).test()
                .persistenceMse();
        double coarse = data.test().persistenceMse();

        // The state moves about linearly in time over such steps: the squared change grows about as dt².
        assertThat(coarse / fine).isBetween(10.0, 40.0);
    }

    /** The training windows' inputs followed by the last target: every training sample once. */
    private static double[][] states(LorenzWindows windows, int count) {
        double[][][] inputs = windows.inputs(count);
        double[][] all = new double[count * windows.length() + 1][];
        for (int w = 0; w < count; w++) {
            for (int t = 0; t < windows.length(); t++) {
                all[w * windows.length() + t] = inputs[w][t];
            }
        }
        DataSet last = windows.minibatch(new int[] {count - 1}, 0, 1);
        all[all.length - 1] = new double[] {last.getLabels().getDouble(0, 0, windows.length() - 1),
                last.getLabels().getDouble(0, 1, windows.length() - 1),
                last.getLabels().getDouble(0, 2, windows.length() - 1)};
        return all;
    }
}
