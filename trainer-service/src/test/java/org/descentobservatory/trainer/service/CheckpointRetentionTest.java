package org.descentobservatory.trainer.service;

import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;
import org.descentobservatory.store.Backoff;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.RetryingObjectStore;
import org.descentobservatory.store.StoreSettings;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention against a real S3-protocol store (S3Proxy as a child process): what is deleted, and when. */
class CheckpointRetentionTest {

    private static final String RUN = "run-20261127-120000-ab12";

    @TempDir
    static Path workDir;

    private static S3Store server;
    private static ObjectStore objects;

    @BeforeAll
    static void startStore() {
        server = S3Store.start(ProjectLayout.locate(), workDir, 0);
        objects = new ObjectStore(new Settings(server.endpoint(), server.accessKey(), server.secretKey(), "retention"));
        objects.ensureBucket();
    }

    @AfterAll
    static void stopStore() {
        if (objects != null) {
            objects.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The run's store as the trainer has it; one attempt per request: the store is up throughout. */
    private static CheckpointStore checkpointStore() {
        return new CheckpointStore(new RetryingObjectStore(objects,
                new Backoff(1, Duration.ofMillis(1), Duration.ofMillis(1)), () -> { }), objects);
    }

    @Test
    void keepsEveryThirdAndTheLatestAndDeletesOthersOnlyOnceAnalysed() {
        CheckpointStore store = checkpointStore();
        CheckpointRetention retention = new CheckpointRetention(store, OptionalInt.of(3));
        retention.tracking(RUN, 0);
        retention.analysed(RUN, 1);
        retention.analysed(RUN, 2);
        for (int epoch = 1; epoch <= 7; epoch++) {
            store.putCheckpoint(RUN, epoch, new byte[] {(byte) epoch});
            retention.published(RUN, epoch);
        }
        retention.analysed(RUN, 4);

        assertThat(storedEpochs(store)).containsExactly(3, 5, 6, 7);

        retention.analysed(RUN, 5);
        retention.analysed(RUN, 7);

        assertThat(storedEpochs(store)).as("5 analysed now; 7 is the latest").containsExactly(3, 6, 7);
    }

    @Test
    void withoutKeepEveryNothingIsDeleted() {
        CheckpointStore store = checkpointStore();
        String run = "run-20261127-120000-cd34";
        CheckpointRetention retention = new CheckpointRetention(store, OptionalInt.empty());
        retention.tracking(run, 0);
        store.putCheckpoint(run, 1, new byte[] {1});
        store.putCheckpoint(run, 2, new byte[] {2});
        retention.published(run, 1);
        retention.published(run, 2);
        retention.analysed(run, 1);

        assertThat(store.getCheckpoint(run, 1)).containsExactly(1);
    }

    @Test
    void aZeroKeepEveryIsRefused() {
        assertThatThrownBy(() -> new CheckpointRetention(checkpointStore(), OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep-every");
    }

    private static List<Integer> storedEpochs(CheckpointStore store) {
        List<Integer> stored = new ArrayList<>();
        for (int epoch = 1; epoch <= 7; epoch++) {
            try {
                store.getCheckpoint(RUN, epoch);
                stored.add(epoch);
            } catch (MissingObjectException e) {
                // deleted
            }
        }
        return stored;
    }

    private record Settings(String endpoint, String accessKey, String secretKey, String bucket)
            implements StoreSettings {
    }
}
