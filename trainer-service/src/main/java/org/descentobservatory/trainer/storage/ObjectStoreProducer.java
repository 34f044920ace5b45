package org.descentobservatory.trainer.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.RetryingObjectStore;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.service.TrainerMetrics;

/**
 * The one client of the object store that the trainer's stores share. The bucket is created here when missing, so a
 * fresh store works without provisioning, and (the stores being {@code @Startup}) a wrong endpoint or key fails the
 * start, not the first run.
 */
@Singleton
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(TrainerConfig config) {
        ObjectStore store = new ObjectStore(config.store());
        store.ensureBucket();
        return store;
    }

    /** The same store with the retry policy of {@code observatory.trainer.retry.*}, retries counted by a metric. */
    @Produces
    @Singleton
    RetryingObjectStore retryingStore(ObjectStore store, TrainerConfig config, TrainerMetrics metrics) {
        return new RetryingObjectStore(store, config.trainer().retry().backoff(),
                () -> metrics.retried(TrainerMetrics.STORE));
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
