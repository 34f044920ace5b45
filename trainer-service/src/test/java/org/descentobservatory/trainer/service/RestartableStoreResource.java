package org.descentobservatory.trainer.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.S3Store;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.schemas.ObjectKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shared test broker ({@link LocalInfraTestResource}) with an S3 store of the test class's own (S3Proxy as a child
 * process), which the test may {@link #stopStore() stop} and {@link #startStore() start} again on the same port and
 * directory, its objects kept. The store's process id, port and directory are kept in system properties: Quarkus may
 * load this class in another class loader than the test's, and both must see the same store.
 */
public class RestartableStoreResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "descentobservatory.restartable-store.";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new LocalInfraTestResource().start());
        Path dir = Path.of("target", "restartable-store-" + System.nanoTime()).toAbsolutePath();
        System.setProperty(PREFIX + "dir", dir.toString());
        System.setProperty(PREFIX + "port", Integer.toString(freePort()));
        S3Store store = startStore();
        config.put("observatory.store.endpoint", store.endpoint());
        config.put("observatory.store.access-key", store.accessKey());
        config.put("observatory.store.secret-key", store.secretKey());
        config.put("observatory.store.bucket", ObjectKeys.DEFAULT_BUCKET);
        return config;
    }

    @Override
    public void stop() {
        stopStore();
    }

    /** Starts the store (again) on its port and directory; returns once it answers. */
    public static S3Store startStore() {
        S3Store store = S3Store.start(ProjectLayout.locate(), Path.of(System.getProperty(PREFIX + "dir")),
                Integer.parseInt(System.getProperty(PREFIX + "port")));
        store.ensureBucket(ObjectKeys.DEFAULT_BUCKET);
        System.setProperty(PREFIX + "pid", Long.toString(store.process().pid()));
        return store;
    }

    /** Stops the store (SIGTERM) if it runs, and waits for its process to exit. */
    public static void stopStore() {
        String pid = System.clearProperty(PREFIX + "pid");
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
