package org.descentobservatory.trainer.compute.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Runs the parts of a kernel phase on a number of threads: the calling thread and others from a shared pool of
 * daemon threads, and waits for all (blocking, no spinning). Which part computes what does not depend on the thread
 * count, so neither do the results. Called a few times per pass (not per step), so its ~10–50 µs
 * per call do not count.
 */
final class KernelThreads {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fused-lstm");
        thread.setDaemon(true);
        return thread;
    });

    private KernelThreads() {
    }

    /**
     * Runs {@code task} for parts 0 … parts − 1 on {@code threads} threads (thread w runs parts w, w + threads, …; the
     * calling thread is thread 0) and returns when all are done; rethrows a part's failure.
     */
    static void run(int parts, int threads, IntConsumer task) {
        int workers = Math.min(parts, threads);
        List<CompletableFuture<Void>> others = new ArrayList<>(workers);
        for (int w = 1; w < workers; w++) {
            int worker = w;
            others.add(CompletableFuture.runAsync(() -> runParts(worker, workers, parts, task), WORKERS));
        }
        runParts(0, workers, parts, task);
        for (CompletableFuture<Void> other : others) {
            other.join();
        }
    }

    private static void runParts(int worker, int workers, int parts, IntConsumer task) {
        for (int part = worker; part < parts; part += workers) {
            task.accept(part);
        }
    }
}
