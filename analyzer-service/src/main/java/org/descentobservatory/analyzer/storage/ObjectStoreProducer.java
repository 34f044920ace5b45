package org.descentobservatory.analyzer.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.store.ObjectStore;

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
    RetryingStoreReader reader(ObjectStore store, AnalyzerConfig config, MeterRegistry registry) {
        AnalyzerConfig.StoreRetry retry = config.analysis().storeRetry();
        return new RetryingStoreReader(store, retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
                Counter.builder("observatory.store.read.retries")
                        .description("Store reads retried after a transient failure").register(registry));
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
