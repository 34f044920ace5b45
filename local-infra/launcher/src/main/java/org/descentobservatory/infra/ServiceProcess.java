package org.descentobservatory.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service ({@code quarkus-run.jar}) as a child process on 127.0.0.1, configured with system
 * properties. {@link #launch} returns at once so that several services can start in parallel; {@link #awaitReady}
 * then waits for {@code GET /q/health/ready} to answer 200 (which includes the Kafka health checks).
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Bound on a service's start. Generous because the first start of an ND4J service extracts its native libraries
     * into the JavaCPP cache, on two shared cores.
     */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final ObservatoryService service;
    private final ChildProcess process;
    private final String url;

    private ServiceProcess(ObservatoryService service, ChildProcess process, String url) {
        this.service = service;
        this.process = process;
        this.url = url;
    }

    /**
     * Starts the service without waiting for it. It runs in {@code <stackDir>/<module>/} and logs to
     * {@code <module>.log} there, single-threaded for OpenMP ({@code OMP_NUM_THREADS=1}).
     *
     * @param port   HTTP port, 0 for a free one
     * @param config system properties for the service ({@code -Dkey=value}), e.g. {@code kafka.bootstrap.servers}
     * @throws IllegalStateException if the jar is not built or the port is taken
     */
    public static ServiceProcess launch(ProjectLayout layout, ObservatoryService service, Path stackDir, int port,
                                        Map<String, String> config) {
        return launch(layout, service, service.module(), stackDir, port, config);
    }

    /**
     * Starts one instance of the service without waiting for it, e.g. a second trainer replica: like
     * {@link #launch(ProjectLayout, ObservatoryService, Path, int, Map)}, but it runs in and logs to
     * {@code <stackDir>/<instance>/<instance>.log}. Starting an instance again (after {@link #kill}) appends to its log.
     *
     * @param instance a name for the instance's directory, log and messages, e.g. {@code trainer-b}
     */
    public static ServiceProcess launch(ProjectLayout layout, ObservatoryService service, String instance,
                                        Path stackDir, int port, Map<String, String> config) {
        Path workDir = stackDir.toAbsolutePath();
        Path jar = layout.serviceJar(service);
        int httpPort = Ports.resolve(port, service.module());
        List<String> arguments = new ArrayList<>(service.jvmOptions(workDir.resolve("javacpp-cache")));
        arguments.add("-Dquarkus.http.host=127.0.0.1");
        arguments.add("-Dquarkus.http.port=" + httpPort);
        config.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.add("-jar");
        arguments.add(jar.toString());
        Path logFile = workDir.resolve(instance).resolve(instance + ".log");
        ChildProcess process = ChildProcess.start(instance, arguments, Map.of("OMP_NUM_THREADS", "1"), logFile);
        return new ServiceProcess(service, process, "http://127.0.0.1:" + httpPort);
    }

    /**
     * Waits until the service reports ready.
     *
     * @throws IllegalStateException if it exits or is not ready within {@link #READY_TIMEOUT}; the message holds the
     *                               tail of its log
     */
    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        process.awaitReady(READY_TIMEOUT,
                () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Which service this is. */
    public ObservatoryService service() {
        return service;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** The service's process. */
    public ChildProcess process() {
        return process;
    }

    /**
     * Kills the service at once, as a crash or {@code kill -9} would (SIGKILL to its JVM: no shutdown hook runs, it
     * leaves no consumer group, finishes no upload), and returns once it has exited.
     */
    public void kill() {
        process.kill();
    }

    /** Stops the service (SIGTERM: Quarkus shuts down gracefully). */
    @Override
    public void close() {
        process.stop();
    }
}
