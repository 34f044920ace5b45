package org.descentobservatory.analyzer.compute;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Runs independent shares of one computation on several threads: share 0 on the caller, the others on a shared pool
 * of daemon threads, and waits for all. The analyzer's probes are independent, so the rows of a cell step
 * ({@link TokenDrivenCell}) and the probes of a spectrum ({@link ProbeLyapunovSpectrum}) split without changing a
 * single result. Services default to one thread per analysis (they scale by partitions and replicas); more threads
 * shorten one analysis on an otherwise idle machine.
 */
final class ComputeThreads {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "analyzer-compute");
        thread.setDaemon(true);
        return thread;
    });

    private ComputeThreads() {
    }

    /** @throws IllegalArgumentException if {@code threads} &lt; 1 */
    static int require(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads;
    }

    /**
     * Runs {@code share.accept(i)} for i in [0, shares), share 0 on the calling thread. An exception of any share is
     * rethrown (unchecked exceptions as they are) after all shares have ended.
     */
    static void run(int shares, IntConsumer share) {
        if (shares == 1) {
            share.accept(0);
            return;
        }
        CompletableFuture<?>[] others = new CompletableFuture<?>[shares - 1];
        for (int i = 1; i < shares; i++) {
            int index = i;
            others[i - 1] = CompletableFuture.runAsync(() -> share.accept(index), WORKERS);
        }
        RuntimeException failure = null;
        try {
            share.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            CompletableFuture.allOf(others).join();
        } catch (CompletionException e) {
            if (failure == null) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The first index of share i when {@code count} items are split into {@code shares} contiguous shares. */
    static int shareStart(int i, int count, int shares) {
        return (int) ((long) count * i / shares);
    }
}
