package org.descentobservatory.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The trainer's settings, all under the prefix {@code observatory}. */
@ConfigMapping(prefix = "observatory")
public interface TrainerConfig {

    /** Where checkpoints and probe sets are stored. */
    Store store();

    /** How runs are scheduled. */
    Trainer trainer();

    /** An S3-protocol object store, spoken to through the MinIO client. */
    interface Store {

        /** {@code observatory.store.endpoint}: URL of the store; default {@code http://localhost:9000}. */
        @WithDefault("http://localhost:9000")
        String endpoint();

        /** {@code observatory.store.access-key}: default {@code observatory} (the local launcher's). */
        @WithDefault("observatory")
        String accessKey();

        /** {@code observatory.store.secret-key}: default {@code observatory-secret} (the local launcher's). */
        @WithDefault("observatory-secret")
        String secretKey();

        /** {@code observatory.store.bucket}: created at startup when missing; default {@code observatory}. */
        @WithDefault("observatory")
        String bucket();
    }

    /** Run scheduling. */
    interface Trainer {

        /**
         * {@code observatory.trainer.max-concurrent-runs}: runs trained at the same time, at least 1; default 1.
         * Further runs wait in a queue. One run keeps one core busy (ND4J runs single-threaded, OMP_NUM_THREADS=1),
         * so more than the number of cores only slows every run down.
         */
        @WithDefault("1")
        int maxConcurrentRuns();
    }
}
