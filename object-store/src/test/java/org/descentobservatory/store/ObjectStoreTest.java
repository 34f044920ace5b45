package org.descentobservatory.store;

import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ObjectStore} against a real S3-protocol store (S3Proxy as a child process, without Kafka), one store for
 * the class; each test uses its own bucket, so the tests do not depend on each other.
 */
class ObjectStoreTest {

    private static final String BINARY = "application/octet-stream";

    @TempDir
    static Path workDir;

    private static S3Store server;

    @BeforeAll
    static void startStore() {
        server = S3Store.start(ProjectLayout.locate(), workDir, 0);
    }

    @AfterAll
    static void stopStore() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ensureBucketCreatesAMissingBucketAndKeepsAnExistingOnesObjects() {
        try (ObjectStore store = new ObjectStore(settings("fresh", server.secretKey()))) {
            assertThatThrownBy(() -> store.get("k")).isInstanceOf(MissingObjectException.class)
                    .hasMessageContaining("NoSuchBucket");

            store.ensureBucket();
            store.put("k", bytes("kept"), BINARY);
            store.ensureBucket();

            assertThat(store.get("k")).isEqualTo(bytes("kept"));
        }
    }

    @Test
    void getReturnsExactlyTheBytesPut() {
        byte[] checkpointSized = new byte[300_000];
        new Random(7).nextBytes(checkpointSized);
        try (ObjectStore store = new ObjectStore(settings("round-trip", server.secretKey()))) {
            store.ensureBucket();
            store.put("runs/r/checkpoints/epoch-000001.zip", checkpointSized, "application/zip");
            store.put("runs/r/probe-set.json", bytes("{}"), "application/json");

            assertThat(store.get("runs/r/checkpoints/epoch-000001.zip")).isEqualTo(checkpointSized);
            assertThat(store.get("runs/r/probe-set.json")).isEqualTo(bytes("{}"));
        }
    }

    @Test
    void deleteRemovesTheObjectAndIsHarmlessWhenRepeated() {
        try (ObjectStore store = new ObjectStore(settings("delete", server.secretKey()))) {
            store.ensureBucket();
            store.put("runs/r/checkpoints/epoch-000001.zip", bytes("one"), "application/zip");
            store.put("runs/r/checkpoints/epoch-000002.zip", bytes("two"), "application/zip");

            store.delete("runs/r/checkpoints/epoch-000001.zip");
            store.delete("runs/r/checkpoints/epoch-000001.zip");

            assertThatThrownBy(() -> store.get("runs/r/checkpoints/epoch-000001.zip"))
                    .isInstanceOf(MissingObjectException.class);
            assertThat(store.get("runs/r/checkpoints/epoch-000002.zip")).isEqualTo(bytes("two"));
        }
    }

    @Test
    void aMissingKeyIsAMissingObjectNamingBucketAndKey() {
        try (ObjectStore store = new ObjectStore(settings("missing-key", server.secretKey()))) {
            store.ensureBucket();

            assertThatThrownBy(() -> store.get("runs/r/never-stored"))
                    .isInstanceOf(MissingObjectException.class)
                    .hasMessageContaining("runs/r/never-stored").hasMessageContaining("missing-key")
                    .hasMessageContaining("NoSuchKey");
        }
    }

    @Test
    void aWrongSecretIsAStoreFailureNotAMissingObject() {
        try (ObjectStore admin = new ObjectStore(settings("guarded", server.secretKey()));
             ObjectStore intruder = new ObjectStore(settings("guarded", "not-the-secret"))) {
            admin.ensureBucket();
            admin.put("k", bytes("secret"), BINARY);

            assertThatThrownBy(() -> intruder.get("k"))
                    .isInstanceOf(StoreException.class).isNotInstanceOf(MissingObjectException.class)
                    .hasMessageContaining("k in bucket guarded");
            assertThatThrownBy(() -> intruder.put("k", bytes("overwritten"), BINARY))
                    .isInstanceOf(StoreException.class).hasMessageContaining("k in bucket guarded");
            assertThatThrownBy(intruder::ensureBucket)
                    .isInstanceOf(StoreException.class).hasMessageContaining("guarded");
            assertThat(admin.get("k")).isEqualTo(bytes("secret"));
        }
    }

    private static StoreSettings settings(String bucket, String secretKey) {
        return new Settings(server.endpoint(), server.accessKey(), secretKey, bucket);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Settings of one bucket of a test store. */
    record Settings(String endpoint, String accessKey, String secretKey, String bucket)
            implements StoreSettings {
    }
}
