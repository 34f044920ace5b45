package org.descentobservatory.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The whole observatory on one machine: {@link LocalInfrastructure} plus the trainer, analyzer and dashboard
 * services, each connected to the broker and store. Used by {@code bin/run} (through {@link ObservatoryLauncher})
 * and by the end-to-end test.
 */
public final class ObservatoryStack implements AutoCloseable {

    private final LocalInfrastructure infrastructure;
    private final Map<ObservatoryService, ServiceProcess> services;

    private ObservatoryStack(LocalInfrastructure infrastructure, Map<ObservatoryService, ServiceProcess> services) {
        this.infrastructure = infrastructure;
        this.services = services;
    }

    /**
     * Starts broker and store, then the three services in parallel, and returns once every service is ready. On
     * failure everything started is stopped again.
     *
     * @throws IllegalStateException if something is not built, a port is taken, or a process fails to start; the
     *                               message names the process and shows the tail of its log
     */
    public static ObservatoryStack start(StackOptions options) {
        ProjectLayout layout = ProjectLayout.locate();
        for (ObservatoryService service : ObservatoryService.values()) {
            layout.serviceJar(service); // fail before starting anything if a service is not built
        }
        LocalInfrastructure infrastructure = LocalInfrastructure.start(
                layout, options.workDir(), options.kafkaPort(), options.storePort());
        Map<ObservatoryService, ServiceProcess> services = new EnumMap<>(ObservatoryService.class);
        ObservatoryStack stack = new ObservatoryStack(infrastructure, services);
        try {
            Map<String, String> config = serviceConfig(infrastructure, options);
            for (ObservatoryService service : ObservatoryService.values()) {
                services.put(service, ServiceProcess.launch(layout, service, options.workDir(),
                        options.portOf(service), withOwnSettings(service, config, options.workDir(), services)));
            }
            services.values().forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The trainer's base URL ({@code POST /api/runs}). */
    public String trainerUrl() {
        return services.get(ObservatoryService.TRAINER).url();
    }

    /** The analyzer's base URL. */
    public String analyzerUrl() {
        return services.get(ObservatoryService.ANALYZER).url();
    }

    /** The dashboard's base URL ({@code GET /api/runs/{id}/timeline}). */
    public String dashboardUrl() {
        return services.get(ObservatoryService.DASHBOARD).url();
    }

    /** The broker and store the services use. */
    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    /** Every process of the stack: services, broker and store. */
    public List<ChildProcess> processes() {
        List<ChildProcess> all = new ArrayList<>();
        services.values().forEach(service -> all.add(service.process()));
        all.addAll(infrastructure.processes());
        return all;
    }

    /**
     * Blocks until any process of the stack exits, and returns it: a process that exits while the stack should be
     * running is a failure to report.
     */
    public ChildProcess awaitFirstExit() throws InterruptedException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(
                processes().stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new));
        try {
            return (ChildProcess) first.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Watching the stack's processes failed", e.getCause());
        }
    }

    /** Stops the services (in parallel), then the broker and the store. */
    @Override
    public void close() {
        CompletableFuture.allOf(services.values().stream()
                .map(service -> CompletableFuture.runAsync(service::close))
                .toArray(CompletableFuture[]::new)).join();
        infrastructure.close();
    }

    /**
     * The settings of one service: the stack's own for it (the trainer's data folder inside the stack's directory,
     * the dashboard's link to the trainer for its start and cancel controls), then the shared ones that apply to it.
     * A key under another service's prefix is left out: each service refuses unknown keys of its own prefix.
     */
    private static Map<String, String> withOwnSettings(ObservatoryService service, Map<String, String> shared,
                                                       Path workDir, Map<ObservatoryService, ServiceProcess> launched) {
        Map<String, String> config = new LinkedHashMap<>();
        switch (service) {
            case TRAINER -> config.put("observatory.trainer.data-dir", workDir.resolve("data").toString());
            // The trainer is launched first (enum order), so its port is known even when it was a free one.
            case DASHBOARD -> config.put("observatory.dashboard.trainer-url",
                    launched.get(ObservatoryService.TRAINER).url());
            default -> { }
        }
        shared.forEach((key, value) -> {
            if (ObservatoryService.owning(key).map(service::equals).orElse(true)) {
                config.put(key, value);
            }
        });
        return config;
    }

    private static Map<String, String> serviceConfig(LocalInfrastructure infrastructure, StackOptions options) {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.putAll(options.serviceConfig());
        return config;
    }
}
