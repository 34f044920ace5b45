package org.descentobservatory.dashboard.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.descentobservatory.dashboard.domain.RunRegistry;

/** Makes the plain {@link RunRegistry} the one application-wide store the listener fills and the REST API reads. */
public class RunRegistryProducer {

    @Produces
    @Singleton
    RunRegistry runRegistry() {
        return new RunRegistry();
    }
}
