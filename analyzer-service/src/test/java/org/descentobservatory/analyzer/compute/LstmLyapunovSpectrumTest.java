package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.lyapunov.LuLogDeterminant;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovTolerances;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Lyapunov exponents of the zero-input LSTM map on seeded random networks ({@link RandomLstm}). */
class LstmLyapunovSpectrumTest {

    private static final int V = 60;
    private static final int E = 8;
    private static final long SEED = 31;

    @Test
    void withoutRecurrentWeightsTheTopExponentsAreTheLogsOfTheForgetGates() {
        // RW = 0: the gates are constant, f = σ(b_f), c' = f∘c + i∘g and h' depends on c' only, so J is
        // block-triangular with eigenvalues f_j (c-block) and 0 (h-block): λ_j = log f_(j), sorted descending.
        int h = 8;
        LstmParameters theta = RandomLstm.parameters(V, E, h, 0.5, 1.5, 0, SEED);
        double[] b = theta.b().toDoubleVector();
        double[] expected = new double[h];
        for (int j = 0; j < h; j++) {
            expected[j] = Math.log(1 / (1 + Math.exp(-b[h + j])));
        }
        Arrays.sort(expected);
        double[] s0 = LstmJacobianTest.randomStates(1, h, new Random(SEED))[0];

        double[] exponents = LyapunovSpectrum.of(new LstmJacobian(theta), s0,
                new LyapunovSpectrum.Settings(h, 1000, 5000, SEED)).exponents();

        for (int j = 0; j < h; j++) {
            assertThat(exponents[j]).as("lambda_%d", j + 1)
                    .isCloseTo(expected[h - 1 - j], within(LyapunovTolerances.FORGET_GATES));
        }
    }

    @Test
    void theFullSpectrumSumsToTheMeanLogDeterminantAlongTheSameTrajectory() {
        int h = 12;
        int n = 2 * h;
        LstmParameters theta = RandomLstm.parameters(V, E, h, 0.5, 0.5, 1.5, SEED);
        double[] s0 = LstmJacobianTest.randomStates(1, h, new Random(SEED))[0];
        int transientSteps = 50;
        int steps = 500;

        LyapunovSpectrum.Result result = LyapunovSpectrum.of(new LstmJacobian(theta), s0,
                new LyapunovSpectrum.Settings(n, transientSteps, steps, SEED));

        // Replay the trajectory with the same map and take log|det J_t| by LU, independently of the QR.
        LstmJacobian map = new LstmJacobian(theta);
        double[] s = s0.clone();
        double[] next = new double[n];
        double[] jacobian = new double[n * n];
        double sumOfLogDet = 0;
        for (int t = 0; t < transientSteps + steps; t++) {
            map.step(s, next, jacobian);
            if (t >= transientSteps) {
                sumOfLogDet += LuLogDeterminant.of(jacobian, n);
            }
            double[] swap = s;
            s = next;
            next = swap;
        }
        assertThat(result.state()).containsExactly(s);
        assertThat(Arrays.stream(result.exponents()).sum())
                .isCloseTo(sumOfLogDet / steps, within(LyapunovTolerances.DETERMINANT_IDENTITY));
    }

    @Test
    void theTangentBasisStaysOrthonormalAtTheProductionSize() {
        int h = 60;
        int k = 10;
        LstmParameters theta = RandomLstm.parameters(V, E, h, 0.5, 0.5, 10, SEED);

        double[] q = LyapunovSpectrum.of(new LstmJacobian(theta), LstmJacobianTest.randomStates(1, h, new Random(SEED))[0],
                new LyapunovSpectrum.Settings(k, 0, 300, SEED)).tangents();

        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int r = 0; r < 2 * h; r++) {
                    dot += q[a * 2 * h + r] * q[b * 2 * h + r];
                }
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(LyapunovTolerances.ORTHONORMAL));
            }
        }
    }

    @Test
    void smallRecurrentGainIsOrderedAndLargeGainChaotic() {
        // AsymptoticDistanceTest's networks and probes (V = 60, E = 8, H = 24, 24 probes of 30 tokens, seed 77):
        // there g ≤ 2 gave D̃ at the floor and g = 10 every probe chaotic. λ_1 must agree in sign.
        long seed = 77;
        int h = 24;
        LyapunovSigns.assertOrderedThenChaotic(RandomLstm.parameters(V, E, h, 0.5, 0.5, 1, seed),
                RandomLstm.parameters(V, E, h, 0.5, 0.5, 10, seed), RandomLstm.tokens(24, 30, V, seed), seed);
    }

    @Test
    void theProbeMeanAndStandardErrorSummariseThePerProbeExponents() {
        int h = 10;
        int[][] probes = RandomLstm.tokens(5, 12, V, SEED);
        LstmParameters theta = RandomLstm.parameters(V, E, h, 0.5, 0.5, 6, SEED);
        LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(3, 50, 200, SEED);

        ProbeLyapunovSpectrum.Result result = ProbeLyapunovSpectrum.measure(theta, probes, settings);

        double[][] states = ProbeLyapunovSpectrum.drivenStates(theta, probes);
        assertThat(result.probeCount()).isEqualTo(5);
        for (int j = 0; j < 3; j++) {
            double[] column = new double[5];
            for (int i = 0; i < 5; i++) {
                column[i] = LyapunovSpectrum.of(new LstmJacobian(theta), states[i], settings).exponents()[j];
                assertThat(result.perProbe()[i][j]).isEqualTo(column[i]);
            }
            double mean = Arrays.stream(column).average().orElseThrow();
            double variance = Arrays.stream(column).map(x -> (x - mean) * (x - mean)).sum() / 4;
            assertThat(result.mean()[j]).isCloseTo(mean, within(1e-15));
            assertThat(result.standardError()[j]).isCloseTo(Math.sqrt(variance / 5), within(1e-15));
        }
        assertThat(ProbeLyapunovSpectrum.measure(theta, new int[][]{probes[0]}, settings).standardError()[0]).isNaN();
    }

    @Test
    void splittingTheProbesOverThreadsChangesNoDigit() {
        int[][] probes = RandomLstm.tokens(5, 12, V, SEED);
        AnalysedNetwork network = AnalysedNetwork.zeroInput(RandomLstm.parameters(V, E, 10, 0.5, 0.5, 6, SEED));
        LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(3, 50, 200, SEED);

        ProbeLyapunovSpectrum.Result one = ProbeLyapunovSpectrum.measure(network, new TokenProbes(probes), settings, 1);
        ProbeLyapunovSpectrum.Result two = ProbeLyapunovSpectrum.measure(network, new TokenProbes(probes), settings, 2);

        assertThat(two.perProbe()).isDeepEqualTo(one.perProbe());
    }

    @Test
    void drivenStatesAreTheStatesLstmCellReachesOnTheTokens() {
        int h = 10;
        int[][] probes = RandomLstm.tokens(3, 7, V, SEED);
        LstmParameters theta = RandomLstm.parameters(V, E, h, 0.5, 0.5, 2, SEED);
        LstmCell cell = new LstmCell(theta);

        double[][] states = ProbeLyapunovSpectrum.drivenStates(theta, probes);

        for (int i = 0; i < probes.length; i++) {
            LstmState one = LstmState.zeros(1, h);
            for (int token : probes[i]) {
                cell.step(cell.tokenDrive(new int[]{token}), one);
            }
            double[] hExpected = one.h().toDoubleVector();
            double[] cExpected = one.c().toDoubleVector();
            for (int j = 0; j < h; j++) {
                assertThat(states[i][j]).isCloseTo(hExpected[j], within(LyapunovTolerances.SAME_MAP));
                assertThat(states[i][h + j]).isCloseTo(cExpected[j], within(LyapunovTolerances.SAME_MAP));
            }
        }
    }

    @Test
    void rejectsProbesOfUnequalLengthOrOutsideTheVocabulary() {
        LstmParameters theta = RandomLstm.parameters(V, E, 4, 0.5, 0.5, 1, SEED);
        LyapunovSpectrum.Settings settings = new LyapunovSpectrum.Settings(1, 0, 1, SEED);

        assertThatThrownBy(() -> ProbeLyapunovSpectrum.measure(theta, new int[0][], settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("At least one probe");
        assertThatThrownBy(() -> ProbeLyapunovSpectrum.measure(theta, new int[][]{{1, 2}, {1}}, settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one length");
        assertThatThrownBy(() -> ProbeLyapunovSpectrum.measure(theta, new int[][]{{1, V}}, settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the vocabulary");
    }
}
