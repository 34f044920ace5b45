package org.descentobservatory.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An S3-protocol object store (S3Proxy over a directory of files) as a child process on 127.0.0.1, speaking the API
 * the MinIO client uses, with AWS v2 or v4 signatures. Objects live in {@code <workDir>/blobs}, one sub-directory per
 * bucket, and survive a restart on the same directory.
 */
public final class S3Store implements AutoCloseable {

    /** Access key used when none is given; the services' default for the local launcher. */
    public static final String DEFAULT_ACCESS_KEY = "observatory";

    /** Secret key used when none is given; the services' default for the local launcher. */
    public static final String DEFAULT_SECRET_KEY = "observatory-secret";

    /** Bound on the store's start, from launching the JVM to answering HTTP. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Path blobs;

    private S3Store(ChildProcess process, String endpoint, String accessKey, String secretKey, Path blobs) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.blobs = blobs;
    }

    /** Starts a store with the default credentials; see {@link #start(ProjectLayout, Path, int, String, String)}. */
    public static S3Store start(ProjectLayout layout, Path workDir, int port) {
        return start(layout, workDir, port, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    /**
     * Starts the store and waits until it answers HTTP (any S3 answer, e.g. 403 to an unsigned request, means up).
     *
     * @param workDir working directory for config, objects and {@code s3proxy.log}
     * @param port    HTTP port, 0 for a free one
     * @throws IllegalStateException if the jars are not built, the port is taken, or the store fails to start
     */
    public static S3Store start(ProjectLayout layout, Path workDir, int port, String accessKey, String secretKey) {
        Path dir = workDir.toAbsolutePath();
        int storePort = Ports.resolve(port, "S3 store");
        Path blobs = dir.resolve("blobs");
        String endpoint = "http://127.0.0.1:" + storePort;
        Path config = writeConfig(dir, blobs, endpoint, accessKey, secretKey);
        List<String> arguments = new ArrayList<>(ChildProcess.LIGHT_JVM_OPTIONS);
        arguments.addAll(List.of("-Xmx256m",
                "-Dlogback.configurationFile=" + layout.s3proxyLogConfig(),
                "-cp", layout.s3proxyLib().resolve("*").toString(),
                "org.gaul.s3proxy.Main", "--properties", config.toString()));
        ChildProcess process = ChildProcess.start("s3proxy", arguments, Map.of(), dir.resolve("s3proxy.log"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build();
        try {
            process.awaitReady(READY_TIMEOUT,
                    () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() > 0);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return new S3Store(process, endpoint, accessKey, secretKey, blobs);
    }

    /** The S3 endpoint URL, e.g. {@code http://127.0.0.1:9000}. */
    public String endpoint() {
        return endpoint;
    }

    /** The access key clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key clients sign with. */
    public String secretKey() {
        return secretKey;
    }

    /**
     * Creates a bucket if it does not exist. The filesystem backend keeps each bucket as a directory of the blob
     * directory, so creating that directory creates the bucket without an S3 client.
     */
    public void ensureBucket(String bucket) {
        try {
            Files.createDirectories(blobs.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create bucket " + bucket + " in " + blobs, e);
        }
    }

    /** The store's process. */
    public ChildProcess process() {
        return process;
    }

    /** Stops the store. */
    @Override
    public void close() {
        process.stop();
    }

    private static Path writeConfig(Path dir, Path blobs, String endpoint, String accessKey, String secretKey) {
        String properties = String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + blobs,
                "");
        try {
            Files.createDirectories(blobs);
            return Files.writeString(dir.resolve("s3proxy.conf"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the store config in " + dir, e);
        }
    }
}
