package org.descentobservatory.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM child process run with the same {@code java} binary as the current JVM, its stdout and stderr appended to a
 * log file. Every started process is registered until stopped; one JVM shutdown hook stops those still running, most
 * recently started first (so services stop before the broker they talk to), so that neither Ctrl-C nor a test JVM's
 * exit leaves a process behind.
 * <p>
 * Stopping sends SIGTERM to the process and its descendants, waits up to {@link #STOP_TIMEOUT} for them to exit
 * (the broker and Quarkus shut down cleanly on SIGTERM), then kills what is left.
 */
public final class ChildProcess implements AutoCloseable {

    /** How long a stopped process may take to exit after SIGTERM before it is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * JVM options for the broker and the store: quick start on few cores with the C1 compiler only and the serial
     * collector. Locally they handle a few requests per second, so peak throughput does not matter.
     */
    public static final List<String> LIGHT_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;
    private static final Deque<ChildProcess> RUNNING = new ArrayDeque<>();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAllOnShutdown, "observatory-child-stop"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <arguments>} in the log file's directory and returns without waiting for anything.
     *
     * @param name        short name for messages ("kafka", "trainer-service")
     * @param arguments   JVM options, then the main class and its arguments
     * @param environment variables added to the current environment
     * @param logFile     receives stdout and stderr (appended, after a header line naming the command)
     * @throws IllegalStateException if the process cannot be started, or the JVM is shutting down
     */
    public static ChildProcess start(String name, List<String> arguments, Map<String, String> environment,
                                     Path logFile) {
        List<String> command = javaCommand(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logFile.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        synchronized (RUNNING) {
            if (shuttingDown) {
                throw new IllegalStateException("Not starting " + name + ": the JVM is shutting down");
            }
            try {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                Files.writeString(logFile, "=== " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                ChildProcess child = new ChildProcess(name, builder.start(), logFile);
                RUNNING.push(child);
                LOG.log(System.Logger.Level.INFO, "Started {0} (pid {1}), log: {2}", name, String.valueOf(child.pid()),
                        logFile);
                return child;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs {@code java <arguments>} to completion, for one-off tools such as the broker's storage format.
     *
     * @throws IllegalStateException if it exits with a non-zero code or runs longer than {@code timeout}; the
     *                               message holds the tail of its log
     */
    public static void run(String name, List<String> arguments, Path logFile, Duration timeout) {
        ChildProcess child = start(name, arguments, Map.of(), logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw child.failure("did not finish within " + timeout.toSeconds() + " s");
            }
            if (child.process.exitValue() != 0) {
                throw child.failure("failed with exit code " + child.process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + name, e);
        } finally {
            child.stop();
        }
    }

    /** Whether the JVM shutdown hook is stopping the child processes (then their exits are expected). */
    public static boolean isShuttingDown() {
        return shuttingDown;
    }

    /** The short name given at start. */
    public String name() {
        return name;
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** The file receiving the process's output. */
    public Path logFile() {
        return logFile;
    }

    /** The handle of the process, to inspect it or its descendants. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether the process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, empty while the process runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes with this child when its process exits, for whatever reason. */
    public CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    /**
     * Polls {@code probe} until it answers {@code true}.
     *
     * @throws IllegalStateException if the process exits first or {@code timeout} passes; the message holds the last
     *                               probe failure and the tail of the process's log
     */
    public void awaitReady(Duration timeout, ReadinessProbe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failure("exited with code " + process.exitValue() + " before it was ready");
                }
                try {
                    if (probe.isReady()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    lastFailure = e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw failure("was not ready within " + timeout.toSeconds() + " s"
                            + (lastFailure == null ? "" : " (last check: " + lastFailure + ")"));
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /**
     * Stops the process and its descendants: SIGTERM, up to {@link #STOP_TIMEOUT} to exit, then SIGKILL. Does
     * nothing if they have already exited; safe to call more than once and from several threads.
     */
    public void stop() {
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?> allExited = CompletableFuture.allOf(
                tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        try {
            allExited.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} did not stop within {1} s after SIGTERM; killing it",
                    name, STOP_TIMEOUT.toSeconds());
            tree.forEach(ProcessHandle::destroyForcibly);
            allExited.join();
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for " + name + " to stop failed", e);
        }
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly}), as {@code kill -9} would, and waits for it to
     * exit. Its descendants, if any, are left alone: this simulates the crash of this one process.
     */
    public void kill() {
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL for "
                        + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
        LOG.log(System.Logger.Level.INFO, "Killed {0} (pid {1})", name, String.valueOf(pid()));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The last lines of the process's log, for error messages. */
    public String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - 16 * 1024);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " (pid " + pid() + ") " + what + ". Log: " + logFile
                + "\n--- last lines of " + logFile.getFileName() + " ---\n" + logTail());
    }

    private static List<String> javaCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return command;
    }

    private static void stopAllOnShutdown() {
        List<ChildProcess> running;
        synchronized (RUNNING) {
            shuttingDown = true;
            running = new ArrayList<>(RUNNING);
        }
        for (ChildProcess child : running) {
            child.stop();
        }
    }
}
