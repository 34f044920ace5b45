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
         * {@code observatory.trainer.fused-lstm}: train LSTMs with the fused implementation
         * ({@code compute.lstm.FusedLstm}: one OpenBLAS product per time step and fused gate loops instead of
         * Deeplearning4j's ~50 ND4J operations per step), proven equal to Deeplearning4j's stock layer in outputs,
         * gradients and Adam trajectories; default true. Checkpoints are the stock form either way. false trains on
         * Deeplearning4j's own code (e.g. to compare).
         */
        @WithDefault("true")
        boolean fusedLstm();
    }
}
