package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of the paper's protocol on seeded random networks (see {@link RandomLstm}): the regimes were chosen
 * from a scan of the recurrent gain g (V = 100, E = 16, H = 32, 50 probes of 40 tokens, T = 1599): g ≤ 2 gave
 * D̃ = −15 (order), g = 10 gave D̃ ≈ 0.3 with every probe chaotic — the textbook transition of random
 * recurrent networks (Sompolinsky, Crisanti &amp; Sommers 1988) sits in between.
 */
class AsymptoticDistanceTest {

    private static final int V = 60;
    private static final int E = 8;
    private static final int H = 24;
    private static final int PROBES = 24;
    private static final int LENGTH = 30;
    private static final long SEED = 77;
    private static final int[][] TOKENS = RandomLstm.tokens(PROBES, LENGTH, V, SEED);

    @Test
    void vanishingRecurrentWeightsGiveOrderAtTheFloor() {
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 1e-3, SEED);

        AsymptoticDistance.Result result = assertOrderAtTheFloor(new LstmCell(theta));

        assertThat(result.logD()).hasSize(PROBES);
        for (double logD : result.logD()) {
            assertThat(logD).isCloseTo(AsymptoticDistance.Protocol.PAPER_FLOOR_LOG, within(Tolerances.AT_FLOOR));
        }
        assertThat(result.totalSteps()).isEqualTo(AsymptoticDistance.Protocol.PAPER_TOTAL_STEPS);
    }

    @Test
    void largeRecurrentWeightsGiveChaosWellAboveTheFloor() {
        assertChaotic(new LstmCell(RandomLstm.parameters(V, E, H, 0.5, 0.5, 10, SEED)));
    }

    @Test
    void aSimpleRnnWithVanishingRecurrentWeightsSettlesAtTheFloor() {
        assertOrderAtTheFloor(new SimpleRnnCell(RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 1e-3, SEED)));
    }

    @Test
    void aSimpleRnnWithLargeRecurrentWeightsIsChaotic() {
        assertChaotic(new SimpleRnnCell(RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 5, SEED)));
    }

    @Test
    void splittingTheTrajectoriesOverThreadsChangesNoDigit() {
        // 100 probes = 200 trajectories, so the chunks of 64 rows fall differently with 1, 2 and 3 threads; the
        // chaotic network (g = 10) would amplify a difference of one ulp anywhere to O(1) by T.
        TokenProbes probes = new TokenProbes(RandomLstm.tokens(100, LENGTH, V, SEED));
        AnalysedNetwork network = AnalysedNetwork.zeroInput(RandomLstm.parameters(V, E, H, 0.5, 0.5, 10, SEED));
        AsymptoticDistance.Protocol protocol = AsymptoticDistance.Protocol.paper(SEED);

        AsymptoticDistance.Result one = AsymptoticDistance.measure(network, probes, protocol, 1);

        assertThat(one.chaoticFraction()).isEqualTo(1);
        for (int threads : new int[]{2, 3}) {
            AsymptoticDistance.Result split = AsymptoticDistance.measure(network, probes, protocol, threads);
            assertThat(split.logD()).as("%d threads", threads).containsExactly(one.logD());
            assertThat(split.readouts()).as("%d threads", threads).containsExactly(one.readouts());
        }
        assertThatThrownBy(() -> AsymptoticDistance.measure(network, probes, protocol, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }

    /** The paper's protocol on {@code cell}: D̃ at the floor, no chaotic probe, L driven steps. */
    private static AsymptoticDistance.Result assertOrderAtTheFloor(RecurrentCell<?> cell) {
        AsymptoticDistance.Result result = AsymptoticDistance.measure(cell, TOKENS,
                AsymptoticDistance.Protocol.paper(SEED));

        assertThat(result.dTilde()).isCloseTo(AsymptoticDistance.Protocol.PAPER_FLOOR_LOG, within(Tolerances.AT_FLOOR));
        assertThat(result.chaoticFraction()).isZero();
        assertThat(result.drivenSteps()).isEqualTo(LENGTH);
        return result;
    }

    /** The paper's protocol on {@code cell}: a perturbation of 1e-8 grown to order 1, log D̃ near 0, some 15 units
     * above the floor, for most probes. */
    private static void assertChaotic(RecurrentCell<?> cell) {
        AsymptoticDistance.Result result = AsymptoticDistance.measure(cell, TOKENS,
                AsymptoticDistance.Protocol.paper(SEED));

        assertThat(result.dTilde()).isGreaterThan(-5);
        assertThat(result.chaoticFraction()).isGreaterThan(0.5);
    }

    @Test
    void theSameSeedGivesTheSameDistancesBitForBit() {
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 6, SEED);
        AsymptoticDistance.Protocol protocol = new AsymptoticDistance.Protocol(400, 1e-8, -15, 5);

        AsymptoticDistance.Result first = AsymptoticDistance.measure(new LstmCell(theta), TOKENS, protocol);
        AsymptoticDistance.Result second = AsymptoticDistance.measure(new LstmCell(theta), TOKENS, protocol);

        assertThat(second.logD()).containsExactly(first.logD());
        assertThat(second.dTilde()).isEqualTo(first.dTilde());
    }

    @Test
    void readoutsAreTheSumsOfTheUnperturbedHiddenStateAtT() {
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 6, SEED);
        int totalSteps = 200;
        AsymptoticDistance.Result result = AsymptoticDistance.measure(new LstmCell(theta), TOKENS,
                new AsymptoticDistance.Protocol(totalSteps, 1e-8, -15, SEED));

        // Reference: one unperturbed LstmCell trajectory per probe, T + 1 steps, h_T summed in plain Java.
        LstmCell cell = new LstmCell(theta);
        LstmState state = cell.zeroState(PROBES);
        for (int t = 0; t <= totalSteps; t++) {
            int step = t;
            cell.step(t < LENGTH ? cell.tokenDrive(Arrays.stream(TOKENS).mapToInt(p -> p[step]).toArray())
                    : cell.zeroInputDrive(PROBES), state);
        }
        double[][] hT = state.h().toDoubleMatrix();
        assertThat(result.readouts()).hasSize(PROBES);
        for (int i = 0; i < PROBES; i++) {
            assertThat(result.readouts()[i]).isCloseTo(Arrays.stream(hT[i]).sum(),
                    within(Tolerances.LSTM_MATCH));
        }
    }

    @Test
    void aDriveEndPerturbationReadBeforeAnyAutonomousStepHasLengthEpsilon() {
        // T = L − 1: h_T is the state the probe leaves, to which ε·u_i was just added, so D_i = ε + e^floorLog up to
        // the rounding of h + ε·u (|h| < 1: ~1e-16 absolute, 1e-8 relative to ε). The paper's initial-hidden
        // perturbation of the same ordered network has died out by then.
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 1e-3, SEED);
        double epsilon = 1e-8;
        double expected = Math.log(epsilon + Math.exp(-15));

        AsymptoticDistance.Result atDriveEnd = AsymptoticDistance.measure(new LstmCell(theta), TOKENS,
                new AsymptoticDistance.Protocol(LENGTH - 1, epsilon, -15, SEED,
                        AsymptoticDistance.PerturbationTarget.DRIVE_END_HIDDEN));
        AsymptoticDistance.Result atStart = AsymptoticDistance.measure(new LstmCell(theta), TOKENS,
                new AsymptoticDistance.Protocol(LENGTH - 1, epsilon, -15, SEED));

        for (double logD : atDriveEnd.logD()) {
            assertThat(logD).isCloseTo(expected, within(1e-7));
        }
        // After L = 30 driven steps of this contracting network the initial perturbation is ~1e-17, far below ε.
        assertThat(atStart.dTilde()).isCloseTo(-15, within(1e-9));
    }

    @Test
    void theQuantilesSpanTheLogDistancesFromMinToMax() {
        AsymptoticDistance.Result result = AsymptoticDistance.measure(
                new LstmCell(RandomLstm.parameters(V, E, H, 0.5, 0.5, 4, SEED)), TOKENS,
                new AsymptoticDistance.Protocol(300, 1e-8, -15, SEED));

        double[] q = result.logDQuantiles();
        assertThat(q[0]).isEqualTo(Arrays.stream(result.logD()).min().orElseThrow());
        assertThat(q[6]).isEqualTo(Arrays.stream(result.logD()).max().orElseThrow());
        assertThat(q).isSorted();
    }

    @Test
    void perturbationsAreOfLengthEpsilon() {
        double epsilon = 1e-8;
        var perturbations = AsymptoticDistance.perturbations(PROBES, H, epsilon, SEED);

        for (double norm : perturbations.norm2(1).toDoubleVector()) {
            assertThat(norm).isCloseTo(epsilon, within(epsilon * 1e-14));
        }
    }

    @Test
    void zeroInputStepsAreNotToken0Steps() {
        // T = L: one step after the tokens. The protocol gives it x = 0; a probe with token 0 appended would give it
        // E_tok[0], which is not zero, so the two must differ for a chaotic network.
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 10, SEED);
        int[][] withToken0 = new int[PROBES][LENGTH + 1];
        for (int i = 0; i < PROBES; i++) {
            System.arraycopy(TOKENS[i], 0, withToken0[i], 0, LENGTH);
        }
        AsymptoticDistance.Protocol oneMoreStep = new AsymptoticDistance.Protocol(LENGTH, 1e-8, -15, SEED);

        double[] zeroInput = AsymptoticDistance.measure(new LstmCell(theta), TOKENS, oneMoreStep).logD();
        double[] token0Input = AsymptoticDistance.measure(new LstmCell(theta), withToken0, oneMoreStep).logD();

        assertThat(zeroInput).isNotEqualTo(token0Input);
    }

    @Test
    void rejectsProbesLongerThanTheRunAndTokensOutsideTheVocabulary() {
        LstmParameters theta = RandomLstm.parameters(V, E, H, 0.5, 0.5, 1, SEED);

        assertThatThrownBy(() -> AsymptoticDistance.measure(new LstmCell(theta), TOKENS,
                new AsymptoticDistance.Protocol(LENGTH - 2, 1e-8, -15, SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> AsymptoticDistance.measure(new LstmCell(theta), new int[][]{{1, V}},
                AsymptoticDistance.Protocol.paper(SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the vocabulary");
        assertThatThrownBy(() -> AsymptoticDistance.measure(new LstmCell(theta), new int[][]{{1, 2}, {1}},
                AsymptoticDistance.Protocol.paper(SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one length");
    }
}
