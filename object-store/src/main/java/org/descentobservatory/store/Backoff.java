package org.descentobservatory.store;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded exponential backoff: an action failing for a transient reason is tried again after {@code initialDelay},
 * then after twice as long each time up to {@code maxDelay}, for at most {@code maxAttempts} attempts in all. Shared
 * by the services for store requests ({@link RetryingObjectStore}) and for the trainer's event publishes. Blocks the
 * calling (worker) thread while waiting. Immutable and thread-safe.
 *
 * @param maxAttempts  attempts in all, the first included, ≥ 1
 * @param initialDelay wait before the first retry, &gt; 0
 * @param maxDelay     cap on any wait, ≥ initialDelay
 */
public record Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Told of every retry before its wait: e.g. to log it and count it in a metric. */
    @FunctionalInterface
    public interface RetryListener {

        /**
         * @param attempt the attempt that failed, from 1
         * @param delay   the wait before the next attempt
         * @param failure why it failed
         */
        void retrying(int attempt, Duration delay, RuntimeException failure);
    }

    public Backoff {
        if (maxAttempts < 1 || initialDelay.isNegative() || initialDelay.isZero()
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("Need max-attempts >= 1 and 0 < initial-backoff <= max-backoff, got "
                    + maxAttempts + ", " + initialDelay + ", " + maxDelay);
        }
    }

    /** The wait after the {@code attempt}-th failure (from 1): initialDelay · 2^(attempt − 1), capped at maxDelay. */
    public Duration delayAfter(int attempt) {
        Duration delay = initialDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** The longest the retries wait in all: the sum of the maxAttempts − 1 delays (attempts' own time excluded). */
    public Duration totalDelay() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(delayAfter(attempt));
        }
        return total;
    }

    /**
     * Runs {@code action} until it succeeds, fails for a reason that is not {@code retryable}, or has failed
     * {@code maxAttempts} times.
     *
     * @return the action's result
     * @throws RuntimeException          at once, the failure that is not retryable
     * @throws RetriesExhaustedException when every attempt failed; its cause is the last failure
     * @throws IllegalStateException     if interrupted while waiting (the interrupt flag is kept, and the
     *                                   {@link InterruptedException} is the cause)
     */
    public <T> T call(Supplier<T> action, Predicate<RuntimeException> retryable, RetryListener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new RetriesExhaustedException(attempt, totalDelay(), e);
                }
                Duration delay = delayAfter(attempt);
                listener.retrying(attempt, delay, e);
                sleep(delay);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
