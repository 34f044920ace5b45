package org.descentobservatory.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.descentobservatory.store.Backoff;
import org.descentobservatory.store.StoreSettings;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The trainer's settings, all under the prefix {@code observatory}. */
@ConfigMapping(prefix = "observatory")
public interface TrainerConfig {

    /** Where checkpoints and probe sets are stored. */
    Store store();

    /** How runs are scheduled and who may start them. */
    Trainer trainer();

    /**
     * An S3-protocol object store, {@code observatory.store.*}: endpoint, access-key, secret-key and bucket (created
     * at startup when missing); see {@link StoreSettings} for each setting and its default.
     */
    interface Store extends StoreSettings {
    }

    /** Run scheduling, access and storage policy. */
    interface Trainer {

        /**
         * {@code observatory.trainer.max-concurrent-runs}: runs this replica trains at the same time, at least 1;
         * default 1. The replica takes a further run request off Kafka only when a slot is free, so waiting runs stay
         * on the topic for whichever replica frees a slot first among those owning its partition. ND4J runs
         * single-threaded (OMP_NUM_THREADS=1) and the fused LSTM on {@code lstm-threads} threads (by default the cores
         * shared among the concurrent runs), so more runs than cores only slows every run down.
         */
        @WithDefault("1")
        int maxConcurrentRuns();

        /**
         * {@code observatory.trainer.api-token}: the bearer token that {@code POST} requests (start, sweep, cancel)
         * must carry as {@code Authorization: Bearer <token>}; reads need none. Unset (the default): starting and
         * cancelling are open to anyone who reaches the port, and the trainer warns about it at startup. Give every
         * replica the same token.
         */
        Optional<String> apiToken();

        /**
         * {@code observatory.trainer.replica-id}: this replica's name in logs, in {@code GET /api/runs} and in run
         * manifests; default {@code <host>-<pid>}.
         */
        Optional<String> replicaId();

        /**
         * {@code observatory.trainer.max-sweep-runs}: the most runs one {@code POST /api/sweeps} may request;
         * default 1000.
         */
        @WithDefault("1000")
        int maxSweepRuns();

        /**
         * {@code observatory.trainer.handover-grace}: how long a replica losing a run (its partition reassigned, or
         * the replica shutting down) waits for the run to stop at the next minibatch before letting it go; default
         * 30 s. A run stopped this way ends nowhere: its next owner resumes it from its last checkpoint.
         */
        @WithDefault("30s")
        Duration handoverGrace();

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

        /**
         * {@code observatory.trainer.fused-lstm}: train LSTMs with the fused implementation
         * ({@code compute.lstm.FusedLstm}: one OpenBLAS product per time step and fused gate loops instead of
         * Deeplearning4j's ~50 ND4J operations per step), proven equal to Deeplearning4j's stock layer in outputs,
         * gradients and Adam trajectories; default true. Checkpoints are the stock form either way. false trains on
         * Deeplearning4j's own code (e.g. to compare).
         */
        @WithDefault("true")
        boolean fusedLstm();

        /**
         * {@code observatory.trainer.lstm-threads}: threads of the fused LSTM per run, at least 1; it uses at most 2
         * (each runs the recurrence of one half of the minibatch; {@code compute.lstm.LstmKernel}). The results are
         * the same bit for bit on any number, so replicas may differ. Independent of ND4J's and OpenBLAS's threads,
         * which stay at {@code OMP_NUM_THREADS=1}: with more, OpenBLAS would split every small per-step product over
         * its own threads as well and oversubscribe the cores. Default: the available processors divided by
         * {@code max-concurrent-runs} (at least 1), i.e. 2 for one run on 2 cores.
         */
        OptionalInt lstmThreads();

        /** Which checkpoints a run keeps. */
        Retention retention();

        /** How a run's store requests and event publishes are retried. */
        Retry retry();
    }

    /** Checkpoint retention, {@code observatory.trainer.retention.*}. */
    interface Retention {

        /**
         * {@code observatory.trainer.retention.keep-every}: when set to k ≥ 1, a run keeps the checkpoint of every
         * k-th epoch and its latest one, and deletes the others once the analyzer has published their analysis
         * (a checkpoint not yet analysed is never deleted). Unset (the default): every checkpoint is kept.
         */
        OptionalInt keepEvery();
    }

    /**
     * {@code observatory.trainer.retry.*}: a run's store requests (probe set, checkpoint, its stored event, manifest)
     * and event publishes (started, checkpoint, ended) that fail are tried again after {@code initial-backoff}, then
     * after twice as long each time up to {@code max-backoff}, {@code max-attempts} attempts in all; only then does the
     * run end FAILED, naming the request and the last error. A missing object is not retried, nor anything
     * interrupted by a cancel or a hand-over. A publish is first retried by the Kafka producer itself, for up to its
     * {@code delivery.timeout.ms} (2 min by default). With the defaults a run outlives about 6 minutes of store
     * outage (1 + 2 + 4 + 8 + 16 + 32 + 5 × 60 s of backoff, plus the failed attempts' own time).
     */
    interface Retry {

        /** {@code observatory.trainer.retry.max-attempts}: attempts in all, the first included, ≥ 1; default 12. */
        @WithDefault("12")
        int maxAttempts();

        /** {@code observatory.trainer.retry.initial-backoff}: wait before the first retry, &gt; 0; default 1 s. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** {@code observatory.trainer.retry.max-backoff}: cap on any wait, ≥ initial-backoff; default 60 s. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** This policy. */
        default Backoff backoff() {
            return new Backoff(maxAttempts(), initialBackoff(), maxBackoff());
        }
    }
}
