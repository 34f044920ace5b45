package org.descentobservatory.analyzer.storage;

import io.micrometer.core.instrument.Counter;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.StoreException;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Reads objects from the store, retrying transient failures with exponential backoff: a store that is restarting,
 * unreachable or answering 5xx ({@link StoreException}) is tried again after {@code initialBackoff}, then twice as
 * long each time up to {@code maxBackoff}, for at most {@code maxAttempts} attempts in all. A missing object
 * ({@link MissingObjectException}) is not retried: the trainer stores every object before it publishes the event that
 * names it, so a missing one will not appear later. Thread-safe (blocks the calling worker thread while backing off).
 */
public final class RetryingStoreReader {

    private static final Logger LOG = Logger.getLogger(RetryingStoreReader.class);

    private final ObjectStore store;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Counter retries;

    /**
     * @param maxAttempts    attempts in all, ≥ 1
     * @param initialBackoff wait before the first retry, &gt; 0
     * @param maxBackoff     cap on any wait, ≥ initialBackoff
     * @param retries        counts every retry
     */
    public RetryingStoreReader(ObjectStore store, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                               Counter retries) {
        if (maxAttempts < 1 || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Need max-attempts >= 1 and 0 < initial-backoff <= max-backoff, got "
                    + maxAttempts + ", " + initialBackoff + ", " + maxBackoff);
        }
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retries = retries;
    }

    /**
     * The object's bytes.
     *
     * @throws MissingObjectException at once if there is no such object
     * @throws StoreException         if every attempt failed; the last failure
     * @throws IllegalStateException  if interrupted while backing off (the interrupt flag is kept)
     */
    public byte[] get(String key) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return store.get(key);
            } catch (MissingObjectException e) {
                throw e;
            } catch (StoreException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                LOG.warnf("Store read of %s failed (attempt %d of %d), retrying in %d ms: %s", key, attempt,
                        maxAttempts, backoff.toMillis(), e.getMessage());
                retries.increment();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a store read", e);
        }
    }
}
