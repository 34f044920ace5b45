package org.descentobservatory.store;

import io.smallrye.config.WithDefault;

/**
 * Where an S3-protocol object store is and how to sign in. A service's {@code @ConfigMapping} nests an interface
 * that extends this one, e.g. {@code interface Store extends StoreSettings {}} under {@code observatory.store}; the
 * defaults are those of the local launcher (local-infra).
 */
public interface StoreSettings {

    /** {@code endpoint}: URL of the store; default {@code http://localhost:9000}. */
    @WithDefault("http://localhost:9000")
    String endpoint();

    /** {@code access-key}: default {@code observatory} (the local launcher's). */
    @WithDefault("observatory")
    String accessKey();

    /** {@code secret-key}: default {@code observatory-secret} (the local launcher's). */
    @WithDefault("observatory-secret")
    String secretKey();

    /** {@code bucket}: the one bucket holding every run's objects; default {@code observatory}. */
    @WithDefault("observatory")
    String bucket();
}
