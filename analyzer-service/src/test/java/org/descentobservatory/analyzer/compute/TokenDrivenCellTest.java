package org.descentobservatory.analyzer.compute;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocols' fast steps ({@link RecurrentCell#stepTokens}, which reads the drive rows out of the token table, and
 * {@link RecurrentCell#stepZeroInput}, whose drive b is gathered once and reused) against the step with an explicit
 * drive matrix, the path checked against Deeplearning4j's {@code rnnTimeStep} (LstmCellMatchesDl4jTest): bit for bit,
 * over an interleaving of token and zero-input steps (the reused drive must not survive a token step) and N = 130
 * trajectories, i.e. two full chunks and a partial one.
 */
class TokenDrivenCellTest {

    private static final int V = 50;
    private static final int E = 8;
    private static final int H = 12;
    private static final int N = 2 * BatchedState.CHUNK_ROWS + 2;
    private static final long SEED = 31;
    /** t: a token step when true, a zero-input step when false. */
    private static final boolean[] TOKEN_STEPS = {false, false, true, false, true, true, false, false};

    @Test
    void anLstmsFastStepsEqualTheExplicitDriveStepExactly() {
        assertFastStepsEqualExplicitDriveSteps(new LstmCell(RandomLstm.parameters(V, E, H, 0.5, 0.5, 3, SEED)));
    }

    @Test
    void aSimpleRnnsFastStepsEqualTheExplicitDriveStepExactly() {
        assertFastStepsEqualExplicitDriveSteps(
                new SimpleRnnCell(RandomSimpleRnn.parameters(V, E, H, 0.5, 0.5, 3, SEED)));
    }

    /** The whole state, (h, c) for an LSTM, h for a vanilla RNN, equal to the last bit after the steps. */
    private static <S extends RecurrentState> void assertFastStepsEqualExplicitDriveSteps(RecurrentCell<S> cell) {
        S fast = stepFast(cell);
        S explicit = stepWithDrives(cell);

        assertThat(fast.stateVectors()).isDeepEqualTo(explicit.stateVectors());
        assertThat(fast.h().amaxNumber().doubleValue()).as("the steps moved the state").isGreaterThan(0.1);
    }

    private static <S extends RecurrentState> S stepFast(RecurrentCell<S> cell) {
        S s = cell.zeroState(N);
        for (int t = 0; t < TOKEN_STEPS.length; t++) {
            if (TOKEN_STEPS[t]) {
                cell.stepTokens(tokens(t), s);
            } else {
                cell.stepZeroInput(s);
            }
        }
        return s;
    }

    private static <S extends RecurrentState> S stepWithDrives(RecurrentCell<S> cell) {
        S s = cell.zeroState(N);
        INDArray zeroInput = cell.zeroInputDrive(N);
        for (int t = 0; t < TOKEN_STEPS.length; t++) {
            cell.step(TOKEN_STEPS[t] ? cell.tokenDrive(tokens(t)) : zeroInput, s);
        }
        return s;
    }

    /** The tokens of step t, one per trajectory, seeded by t. */
    private static int[] tokens(int t) {
        return RandomLstm.tokens(1, N, V, SEED + t)[0];
    }
}
