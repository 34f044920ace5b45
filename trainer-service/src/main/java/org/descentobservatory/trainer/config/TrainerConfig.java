package org.descentobservatory.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.descentobservatory.store.StoreSettings;

/** The trainer's settings, all under the prefix {@code observatory}. */
@ConfigMapping(prefix = "observatory")
public interface TrainerConfig {

    /** Where checkpoints and probe sets are stored. */
    Store store();

    /** How runs are scheduled. */
    Trainer trainer();

    /**
     * An S3-protocol object store, {@code observatory.store.*}: endpoint, access-key, secret-key and bucket (created
     * at startup when missing); see {@link StoreSettings} for each setting and its default.
     */
    interface Store extends StoreSettings {
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

        /**
         * {@code observatory.trainer.data-dir}: the only folder datasets are read from; a spec's relative
         * {@code datasetSource} resolves against it and one outside it is refused (400). Downloads are cached in its
         * {@code downloads/} and archives unpacked once into its {@code extracted/}. Default {@code data}, relative
         * to the working directory.
         */
        @WithDefault("data")
        String dataDir();

        /**
         * {@code observatory.trainer.download-max-bytes}: the largest dataset archive downloaded; a larger one is
         * aborted and its run fails. Default 268435456 (256 MiB; the IMDb archive aclImdb_v1.tar.gz is about 84 MB).
         */
        @WithDefault("268435456")
        long downloadMaxBytes();
    }
}
