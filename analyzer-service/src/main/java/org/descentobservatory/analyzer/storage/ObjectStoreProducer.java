package org.descentobservatory.analyzer.storage;

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

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
