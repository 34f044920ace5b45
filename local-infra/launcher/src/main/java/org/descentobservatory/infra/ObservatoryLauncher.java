package org.descentobservatory.infra;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code bin/run}: starts the whole stack on the documented ports, starts a default run and prints where to watch
 * it, then runs until Ctrl-C. The shutdown hook of {@link ChildProcess} stops the services, then the broker and
 * the store, so nothing is left behind. Exit codes: 0 after Ctrl-C, 1 if the stack fails or a process dies,
 * 2 for a bad command line.
 */
public final class ObservatoryLauncher {

    private ObservatoryLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        // One-line log records. The Kafka admin client (SLF4J simple backend) logs only errors: its warnings are
        // about connections the launcher retries, and failures reach the user as the launcher's own messages.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LauncherOptions.USAGE);
            return;
        }
        try {
            run(options);
        } catch (IllegalStateException e) {
            if (!ChildProcess.isShuttingDown()) {
                System.err.println("Error: " + e.getMessage());
                System.exit(1);
            }
        }
    }

    private static void run(LauncherOptions options) throws InterruptedException {
        ProjectLayout layout = ProjectLayout.locate();
        Path workDir = options.workDir().orElse(layout.root().resolve(".observatory")).toAbsolutePath();
        System.out.println("Starting Kafka, the S3 store and the services; logs in " + workDir);
        ObservatoryStack stack = ObservatoryStack.start(StackOptions.defaultPorts(workDir));
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> System.out.println("Stopping the services, the broker and the store..."), "stop-notice"));
        if (options.defaultRun()) {
            Map<String, Integer> spec = options.epochs().isPresent()
                    ? Map.of("epochs", options.epochs().getAsInt()) : Map.of();
            String runId = new TrainerClient(stack.trainerUrl()).startRun(spec);
            System.out.println("Run " + runId + " started");
            System.out.println("Dashboard: " + stack.dashboardUrl() + "/");
            System.out.println("Timeline:  " + stack.dashboardUrl() + "/api/runs/" + runId + "/timeline");
        } else {
            System.out.println("Trainer:   " + stack.trainerUrl() + "/api/runs");
            System.out.println("Dashboard: " + stack.dashboardUrl() + "/");
        }
        System.out.println("Press Ctrl-C to stop.");
        ChildProcess exited = stack.awaitFirstExit();
        if (!ChildProcess.isShuttingDown()) {
            throw new IllegalStateException(exited.name() + " exited unexpectedly with code "
                    + exited.exitCode().orElse(-1) + "; stopping the stack. Last lines of " + exited.logFile()
                    + ":\n" + exited.logTail());
        }
    }
}
