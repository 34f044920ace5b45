package org.descentobservatory.analyzer.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.StoreException;
import org.descentobservatory.store.StoreSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RetryingStoreReader} against the real S3 store (S3Proxy as a child process, local-infra): a read issued
 * while the store is stopped succeeds once the store is restarted on the same port and directory; a missing object
 * fails at once; a store that stays away fails after the configured attempts.
 */
class RetryingStoreReaderTest {

    private static final byte[] BYTES = "checkpoint bytes".getBytes(StandardCharsets.UTF_8);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(2);

    @Test
    void aReadWhileTheStoreIsDownIsRetriedUntilItIsBackAndAMissingObjectIsNot() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path dir = Path.of("target", "retry-store-" + System.nanoTime()).toAbsolutePath();
        int port = freePort();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter retries = registry.counter("retries");
        S3Store first = S3Store.start(layout, dir, port);
        try (ObjectStore client = new ObjectStore(settings(first))) {
            client.ensureBucket();
            client.put("runs/r/checkpoints/epoch-000001.zip", BYTES, "application/zip");
            first.close();

            // Down: with a short policy the read gives up with the store's error.
            RetryingStoreReader impatient = new RetryingStoreReader(client, 2, Duration.ofMillis(50),
                    Duration.ofMillis(50), retries);
            assertThatThrownBy(() -> impatient.get("runs/r/checkpoints/epoch-000001.zip"))
                    .isInstanceOf(StoreException.class).isNotInstanceOf(MissingObjectException.class);
            assertThat(retries.count()).isEqualTo(1);

            // Down, restarted 2 s later: the patient reader gets the bytes.
            CompletableFuture<S3Store> restarted = CompletableFuture.supplyAsync(() -> {
                sleep(RESTART_DELAY);
                return S3Store.start(layout, dir, port);
            });
            RetryingStoreReader reader = new RetryingStoreReader(client, 30, Duration.ofMillis(200),
                    Duration.ofSeconds(2), retries);
            try {
                assertThat(reader.get("runs/r/checkpoints/epoch-000001.zip")).isEqualTo(BYTES);
                assertThat(retries.count()).isGreaterThan(1);

                double before = retries.count();
                assertThatThrownBy(() -> reader.get("runs/r/checkpoints/epoch-000002.zip"))
                        .isInstanceOf(MissingObjectException.class);
                assertThat(retries.count()).isEqualTo(before);
            } finally {
                restarted.get(S3Store.READY_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS).close();
            }
        }
    }

    private static StoreSettings settings(S3Store store) {
        return new StoreSettings() {
            @Override
            public String endpoint() {
                return store.endpoint();
            }

            @Override
            public String accessKey() {
                return store.accessKey();
            }

            @Override
            public String secretKey() {
                return store.secretKey();
            }

            @Override
            public String bucket() {
                return "observatory";
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
