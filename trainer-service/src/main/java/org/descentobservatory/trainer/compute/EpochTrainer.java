package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.descentobservatory.trainer.compute.lstm.FusedLstm;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Trains one epoch: one pass over the training split (reviews or windows) in a seeded random order, one optimizer
 * step per minibatch of {@code batchSize} samples (the last one may be smaller). The order of epoch e depends only on
 * (seed, e), so a run resumed from a checkpoint sees the same data order. Cost: ⌈n / batchSize⌉ forward/backward passes, plus one
 * gradient norm per minibatch. An LSTM trains on the fused implementation ({@link FusedLstm}, proven equal to
 * Deeplearning4j's stock layer, several times faster) unless it is switched off.
 */
public final class EpochTrainer {

    /** Odd constant (2^64 / golden ratio) that spreads consecutive epoch numbers over the seed space. */
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private final int batchSize;
    private final long seed;
    private final boolean fusedLstm;
    private final int lstmThreads;

    /** A trainer that uses the fused LSTM on {@link FusedLstm#defaultThreads()} threads. */
    public EpochTrainer(int batchSize, long seed) {
        this(batchSize, seed, true);
    }

    /** @param fusedLstm whether an LSTM trains on {@link FusedLstm} (true) or on Deeplearning4j's stock code */
    public EpochTrainer(int batchSize, long seed, boolean fusedLstm) {
        this(batchSize, seed, fusedLstm, FusedLstm.defaultThreads());
    }

    /**
     * @param fusedLstm   whether an LSTM trains on {@link FusedLstm} (true) or on Deeplearning4j's stock code
     * @param lstmThreads threads of the fused LSTM, at least 1
     */
    public EpochTrainer(int batchSize, long seed, boolean fusedLstm, int lstmThreads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " < 1");
        }
        if (lstmThreads < 1) {
            throw new IllegalArgumentException("lstmThreads " + lstmThreads + " < 1");
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.fusedLstm = fusedLstm;
        this.lstmThreads = lstmThreads;
    }

    /**
     * Trains {@code network} on {@code train} for epoch {@code epoch} (1-based), counts the epoch in it and returns
     * what its minibatches recorded while they trained (see {@link MinibatchRecorder}; it is attached to the network
     * for this epoch only).
     *
     * @throws CancellationException when the thread is interrupted; checked between minibatches, so a shutdown
     *                               waits for one minibatch, not a whole epoch
     */
    public EpochStatistics trainEpoch(MultiLayerNetwork network, MinibatchSource train, int epoch) {
        if (fusedLstm) {
            // Here rather than at creation: a network restored from a checkpoint comes back with the stock layer.
            FusedLstm.enable(network, lstmThreads);
        }
        int[] order = order(train.size(), epoch);
        List<TrainingListener> previous = List.copyOf(network.getListeners());
        MinibatchRecorder recorder = new MinibatchRecorder();
        network.addListeners(recorder);
        try {
            for (int from = 0; from < order.length; from += batchSize) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted in epoch " + epoch + " after " + from + " samples");
                }
                network.fit(train.minibatch(order, from, Math.min(from + batchSize, order.length)));
            }
        } finally {
            network.setListeners(previous);
        }
        // So that a restored checkpoint knows which epoch it is.
        network.incrementEpochCount();
        return recorder.statistics();
    }

    /** The permutation of 0..n−1 used in epoch {@code epoch} (Fisher–Yates). */
    int[] order(int n, int epoch) {
        SplittableRandom random = new SplittableRandom(seed + EPOCH_STRIDE * epoch);
        int[] order = SequenceTensors.inOrder(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
