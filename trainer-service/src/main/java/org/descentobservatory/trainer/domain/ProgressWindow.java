package org.descentobservatory.trainer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The completion times of a run's last {@value #SIZE} epochs, giving its rate and the time left. A window rather
 * than the whole run so that the rate follows the present: after a resume the gap of the crash leaves the window
 * within {@value #SIZE} epochs. Not thread-safe.
 */
public final class ProgressWindow {

    /** Epochs the rate is measured over. */
    static final int SIZE = 10;

    private final Deque<Instant> completions = new ArrayDeque<>();
    private final Deque<Integer> epochs = new ArrayDeque<>();

    /** Records that {@code epoch} completed at {@code at}; epochs not after the last recorded one are ignored. */
    public void completed(int epoch, Instant at) {
        if (!epochs.isEmpty() && epoch <= epochs.peekLast()) {
            return;
        }
        epochs.addLast(epoch);
        completions.addLast(at);
        if (epochs.size() > SIZE) {
            epochs.removeFirst();
            completions.removeFirst();
        }
    }

    /** The rate over the window and the time the remaining epochs up to {@code totalEpochs} take at that rate. */
    public RunProgress progress(int totalEpochs) {
        if (epochs.size() < 2) {
            return RunProgress.UNKNOWN;
        }
        double seconds = Duration.between(completions.peekFirst(), completions.peekLast()).toNanos() / 1e9;
        if (seconds <= 0) {
            return RunProgress.UNKNOWN;
        }
        double rate = (epochs.peekLast() - epochs.peekFirst()) / seconds;
        long eta = Math.round(Math.max(0, totalEpochs - epochs.peekLast()) / rate);
        return new RunProgress(rate, eta);
    }
}
