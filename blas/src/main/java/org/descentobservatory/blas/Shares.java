package org.descentobservatory.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Runs the independent parts of one computation on a few threads: the calling thread and others from a shared pool
 * of daemon threads, and waits for all (blocking, no spinning). The trainer's fused LSTM splits a minibatch's
 * sequences and its whole-sequence products this way, the analyzer its trajectories and probes. Which part computes
 * what never depends on the thread count, so neither do the results: callers fix the parts, this class only decides
 * who runs them. Meant to be called a few times per pass, not per time step (~10–50 µs per call).
 */
public final class Shares {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "compute-share");
        thread.setDaemon(true);
        return thread;
    });

    private Shares() {
    }

    /** @throws IllegalArgumentException if {@code threads} &lt; 1 */
    public static int requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads;
    }

    /** The first index of share i when {@code count} items are split into {@code shares} contiguous shares. */
    public static int start(int i, int count, int shares) {
        return (int) ((long) count * i / shares);
    }

    /**
     * Runs {@code part.accept(p)} for p in [0, parts) on min(parts, threads) threads: thread w runs parts w,
     * w + threads, …, the calling thread being thread 0. Returns when all parts have ended; the first failure
     * (unchecked exceptions as they are) is rethrown after that.
     */
    public static void run(int parts, int threads, IntConsumer part) {
        int workers = Math.min(parts, requireThreads(threads));
        List<CompletableFuture<Void>> others = new ArrayList<>(Math.max(0, workers - 1));
        for (int w = 1; w < workers; w++) {
            int worker = w;
            others.add(CompletableFuture.runAsync(() -> runParts(worker, workers, parts, part), WORKERS));
        }
        RuntimeException failure = null;
        try {
            runParts(0, workers, parts, part);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void runParts(int worker, int workers, int parts, IntConsumer part) {
        for (int p = worker; p < parts; p += workers) {
            part.accept(p);
        }
    }
}
