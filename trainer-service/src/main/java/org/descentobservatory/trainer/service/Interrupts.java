package org.descentobservatory.trainer.service;

import java.util.concurrent.CancellationException;

/** Recognises a run's thread being interrupted (cancel, hand-over) wherever the interrupt surfaced. */
final class Interrupts {

    private Interrupts() {
    }

    /**
     * Whether {@code e} is the thread being interrupted: between minibatches ({@link CancellationException}) or inside
     * a blocking call (an object-store upload, a publish awaiting its ack, a retry's backoff), which wraps the
     * {@link InterruptedException}.
     */
    static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }
}
