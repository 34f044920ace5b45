package org.descentobservatory.store;

import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * An {@link ObjectStore} whose requests are retried with a {@link Backoff} when they fail for a transient reason:
 * a store that is restarting, unreachable or answering 5xx ({@link StoreException}). A missing object
 * ({@link MissingObjectException}) is not retried: objects are stored before the events that name them are published,
 * so a missing one will not appear later. Puts and deletes are idempotent (whole-object replace, S3 delete), so
 * repeating one whose answer was lost is harmless. Thread-safe; does not own (close) the store.
 */
public final class RetryingObjectStore {

    private static final Logger LOG = Logger.getLogger(RetryingObjectStore.class);

    private final ObjectStore store;
    private final Backoff backoff;
    private final Runnable onRetry;

    /**
     * @param onRetry called once per retry (after the failure is logged), e.g. to count it in a metric
     */
    public RetryingObjectStore(ObjectStore store, Backoff backoff, Runnable onRetry) {
        this.store = store;
        this.backoff = backoff;
        this.onRetry = onRetry;
    }

    /**
     * The object's bytes; see {@link ObjectStore#get}.
     *
     * @throws MissingObjectException    at once if there is no such object
     * @throws RetriesExhaustedException if every attempt failed; its cause is the last {@link StoreException}
     * @throws IllegalStateException     if interrupted while backing off (the interrupt flag is kept)
     */
    public byte[] get(String key) {
        return retried("read", key, () -> store.get(key));
    }

    /**
     * Stores the object; see {@link ObjectStore#put}.
     *
     * @throws RetriesExhaustedException if every attempt failed; its cause is the last {@link StoreException}
     * @throws IllegalStateException     if interrupted while backing off (the interrupt flag is kept)
     */
    public void put(String key, byte[] bytes, String contentType) {
        retried("write", key, () -> {
            store.put(key, bytes, contentType);
            return null;
        });
    }

    /**
     * Deletes the object; see {@link ObjectStore#delete}.
     *
     * @throws RetriesExhaustedException if every attempt failed; its cause is the last {@link StoreException}
     * @throws IllegalStateException     if interrupted while backing off (the interrupt flag is kept)
     */
    public void delete(String key) {
        retried("delete", key, () -> {
            store.delete(key);
            return null;
        });
    }

    private <T> T retried(String operation, String key, Supplier<T> request) {
        return backoff.call(request, RetryingObjectStore::isTransient, (attempt, delay, failure) -> {
            LOG.warnf("Store %s of %s failed (attempt %d of %d), retrying in %d ms: %s", operation, key, attempt,
                    backoff.maxAttempts(), delay.toMillis(), failure.getMessage());
            onRetry.run();
        });
    }

    private static boolean isTransient(RuntimeException e) {
        return e instanceof StoreException && !(e instanceof MissingObjectException);
    }
}
