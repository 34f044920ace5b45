package org.descentobservatory.trainer.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void rateAndEtaComeFromTheRecentEpochs() {
        ProgressWindow window = new ProgressWindow();
        for (int epoch = 1; epoch <= 5; epoch++) {
            window.completed(epoch, T0.plusSeconds(4L * epoch)); // one epoch every 4 s
        }

        RunProgress progress = window.progress(105);

        assertThat(progress.epochsPerSecond()).isEqualTo(0.25);
        assertThat(progress.etaSeconds()).isEqualTo(400); // 100 epochs left at 4 s each
    }

    @Test
    void theRateForgetsEpochsOlderThanTheWindow() {
        ProgressWindow window = new ProgressWindow();
        window.completed(1, T0);
        // A crash: the run resumes an hour later and then trains an epoch every 2 s.
        for (int epoch = 2; epoch <= 1 + ProgressWindow.SIZE; epoch++) {
            window.completed(epoch, T0.plusSeconds(3600 + 2L * epoch));
        }

        assertThat(window.progress(100).epochsPerSecond()).isEqualTo(0.5);
    }

    @Test
    void unknownBeforeTwoEpochsAndRepeatsAreIgnored() {
        ProgressWindow window = new ProgressWindow();
        assertThat(window.progress(10)).isEqualTo(RunProgress.UNKNOWN);
        window.completed(3, T0);
        window.completed(3, T0.plusSeconds(9));
        assertThat(window.progress(10)).isEqualTo(RunProgress.UNKNOWN);
        window.completed(4, T0.plusSeconds(2));
        assertThat(window.progress(4)).isEqualTo(new RunProgress(0.5, 0L));
    }
}
