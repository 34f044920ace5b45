package org.descentobservatory.analyzer.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.store.Backoff;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.RetryingObjectStore;

/**
 * The store the trainer writes checkpoints and probe sets to, only read here: the analyzer does not create the
 * bucket, so a missing bucket shows as a {@code MissingObjectException} of the checkpoint that needed it.
 */
@Singleton
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(AnalyzerConfig config) {
        return new ObjectStore(config.store());
    }

    /** Reads with the retry policy of {@code observatory.analysis.store-retry.*}; retries counted by a metric. */
    @Produces
    @Singleton
    RetryingObjectStore reader(ObjectStore store, AnalyzerConfig config, MeterRegistry registry) {
        AnalyzerConfig.StoreRetry retry = config.analysis().storeRetry();
        Counter retries = Counter.builder("observatory.store.read.retries")
                .description("Store reads retried after a transient failure").register(registry);
        return new RetryingObjectStore(store, new Backoff(retry.maxAttempts(), retry.initialBackoff(),
                retry.maxBackoff()), retries::increment);
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
