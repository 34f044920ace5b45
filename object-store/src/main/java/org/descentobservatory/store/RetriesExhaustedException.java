package org.descentobservatory.store;

import java.time.Duration;

/** An action failed for a transient reason on every attempt its {@link Backoff} allowed; the cause is the last. */
public class RetriesExhaustedException extends RuntimeException {

    private final int attempts;

    public RetriesExhaustedException(int attempts, Duration waited, RuntimeException last) {
        super("gave up after " + attempts + " attempts over " + describe(waited) + ": " + last.getMessage(), last);
        this.attempts = attempts;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    private static String describe(Duration waited) {
        return waited.toString().substring(2).toLowerCase() + " of backoff";
    }
}
