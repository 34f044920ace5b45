package org.descentobservatory.store;

import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RetryingObjectStore} against the real S3 store (S3Proxy as a child process, local-infra): a write and a read
 * issued while the store is stopped succeed once it is restarted on the same port and directory; a missing object
 * fails at once; a store that stays away fails after the configured attempts, with the store's error as the cause.
 */
class RetryingObjectStoreTest {

    private static final byte[] BYTES = "checkpoint bytes".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = "runs/r/checkpoints/epoch-000001.zip";
    private static final Duration RESTART_DELAY = Duration.ofSeconds(2);

    @Test
    void requestsWhileTheStoreIsDownAreRetriedUntilItIsBackAndAMissingObjectIsNot() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path dir = Path.of("target", "retry-store-" + System.nanoTime()).toAbsolutePath();
        int port = freePort();
        AtomicInteger retries = new AtomicInteger();
        S3Store first = S3Store.start(layout, dir, port);
        try (ObjectStore client = new ObjectStore(new ObjectStoreTest.Settings(first.endpoint(), first.accessKey(),
                first.secretKey(), "observatory"))) {
            client.ensureBucket();
            client.put(KEY, BYTES, "application/zip");
            first.close();

            // Down: with a short policy the request gives up with the store's error as the cause.
            RetryingObjectStore impatient = new RetryingObjectStore(client,
                    new Backoff(2, Duration.ofMillis(50), Duration.ofMillis(50)), retries::incrementAndGet);
            assertThatThrownBy(() -> impatient.get(KEY)).isInstanceOf(RetriesExhaustedException.class)
                    .hasCauseInstanceOf(StoreException.class).hasMessageContaining("2 attempts");
            assertThat(retries).hasValue(1);

            // Down, restarted 2 s later: the patient store writes, then reads.
            CompletableFuture<S3Store> restarted = restartAfter(RESTART_DELAY, layout, dir, port);
            RetryingObjectStore patient = new RetryingObjectStore(client,
                    new Backoff(30, Duration.ofMillis(200), Duration.ofSeconds(2)), retries::incrementAndGet);
            try {
                patient.put("runs/r/checkpoints/epoch-000002.zip", BYTES, "application/zip");
                assertThat(retries.get()).isGreaterThan(1);
                assertThat(patient.get(KEY)).isEqualTo(BYTES);
                assertThat(client.get("runs/r/checkpoints/epoch-000002.zip")).isEqualTo(BYTES);

                int before = retries.get();
                assertThatThrownBy(() -> patient.get("runs/r/checkpoints/epoch-000003.zip"))
                        .isInstanceOf(MissingObjectException.class);
                patient.delete(KEY);
                assertThatThrownBy(() -> client.get(KEY)).isInstanceOf(MissingObjectException.class);
                assertThat(retries).hasValue(before);
            } finally {
                restarted.get(S3Store.READY_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS).close();
            }
        }
    }

    private static CompletableFuture<S3Store> restartAfter(Duration delay, ProjectLayout layout, Path dir, int port) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return S3Store.start(layout, dir, port);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
