package org.descentobservatory.trainer.compute.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Runs the parts of a kernel phase in parallel: part 0 on the calling thread, the others on a shared pool of daemon
 * threads, and waits for all (blocking, no spinning). Called a few times per pass (not per step), so its ~10–50 µs
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

    /** Runs {@code task} for parts 0 … parts − 1 and returns when all are done; rethrows a part's failure. */
    static void run(int parts, IntConsumer task) {
        List<CompletableFuture<Void>> others = new ArrayList<>(parts);
        for (int p = 1; p < parts; p++) {
            int part = p;
            others.add(CompletableFuture.runAsync(() -> task.accept(part), WORKERS));
        }
        task.accept(0);
        for (CompletableFuture<Void> other : others) {
            other.join();
        }
    }
}
