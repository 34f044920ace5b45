package org.descentobservatory.trainer.compute.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Switches the {@code LSTM} layers of a network to the fused implementation ({@link LstmKernel}, through
 * {@link FusedLstmHelper}) for training. Only the layer's helper changes: configuration, parameters, gradients and
 * updater state stay Deeplearning4j's, so a checkpoint written by {@code ModelSerializer} is byte-for-byte the stock
 * form and restores as a stock network (which trains with the stock code until {@link #enable} is called on it).
 * Proven equal to the stock layer (outputs, gradients, Adam trajectories) by {@code FusedLstmEquivalenceTest}.
 */
public final class FusedLstm {

    /** Deeplearning4j's LSTM layer keeps its cuDNN-style helper in this protected field; there is no setter. */
    private static final Field HELPER = helperField();

    private FusedLstm() {
    }

    /** {@link #enable(MultiLayerNetwork, int)} on {@link #defaultThreads()} threads. */
    public static int enable(MultiLayerNetwork network) {
        return enable(network, defaultThreads());
    }

    /**
     * The fused LSTM's default thread count: the available processors (it uses at most {@value LstmKernel#PARTS}).
     * Independent of {@code OMP_NUM_THREADS} (ND4J's and OpenBLAS's threads, 1 in the services): the kernel's threads
     * split the minibatch for a whole pass and call OpenBLAS single-threaded on small per-step products. The results
     * do not depend on the thread count.
     */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Threads per run when {@code concurrentRuns} runs train at once: {@code configured} (at least 1) or, unset, the
     * available processors shared among the runs (at least 1).
     *
     * @throws IllegalArgumentException when {@code configured} is below 1
     */
    public static int threadsPerRun(OptionalInt configured, int concurrentRuns) {
        if (configured.isPresent() && configured.getAsInt() < 1) {
            throw new IllegalArgumentException("LSTM threads " + configured.getAsInt() + " < 1");
        }
        return configured.orElse(Math.max(1, defaultThreads() / Math.max(1, concurrentRuns)));
    }

    /**
     * Installs the fused implementation in every supported {@code LSTM} layer of {@code network} (directly or inside a
     * wrapper such as {@code LastTimeStep}) that has none yet, run on up to {@code threads} threads (see
     * {@link LstmKernel}; the results do not depend on {@code threads}). Idempotent (a layer keeps its first thread
     * count). Returns how many layers use it afterwards.
     */
    public static int enable(MultiLayerNetwork network, int threads) {
        int enabled = 0;
        for (Layer layer : network.getLayers()) {
            Layer inner = layer;
            while (inner instanceof BaseWrapperLayer wrapper) {
                inner = wrapper.getUnderlying();
            }
            if (inner instanceof LSTM lstm && install(lstm, threads)) {
                enabled++;
            }
        }
        return enabled;
    }

    /** Whether {@code network} has an LSTM layer that runs the fused implementation. */
    public static boolean isEnabled(MultiLayerNetwork network) {
        return passes(network).isPresent();
    }

    /**
     * What the fused implementation ran in {@code network} (summed over its fused layers) since it was enabled, or
     * empty when it is not enabled: shows that training took the fused path and not Deeplearning4j's fallback.
     */
    public static Optional<Passes> passes(MultiLayerNetwork network) {
        Passes total = null;
        for (Layer layer : network.getLayers()) {
            Layer inner = layer;
            while (inner instanceof BaseWrapperLayer wrapper) {
                inner = wrapper.getUnderlying();
            }
            if (inner instanceof LSTM lstm && helperOf(lstm) instanceof FusedLstmHelper helper) {
                Passes passes = helper.passes();
                total = total == null ? passes : new Passes(total.forward() + passes.forward(),
                        total.reusedForward() + passes.reusedForward(), total.backward() + passes.backward());
            }
        }
        return Optional.ofNullable(total);
    }

    /**
     * Counts of fused passes.
     *
     * @param forward       forward passes computed
     * @param reusedForward forward passes Deeplearning4j asked for again inside backprop and that were reused
     * @param backward      backpropagation passes (BPTT)
     */
    public record Passes(long forward, long reusedForward, long backward) {
    }

    private static boolean install(LSTM lstm, int threads) {
        if (helperOf(lstm) instanceof FusedLstmHelper) {
            return true;
        }
        org.deeplearning4j.nn.conf.layers.LSTM conf = lstm.layerConf();
        if (helperOf(lstm) != null || lstm.getParam("W").dataType() != DataType.FLOAT
                || !FusedLstmHelper.supports(lstm.conf(), conf.getGateActivationFn())) {
            return false;
        }
        try {
            HELPER.set(lstm, new FusedLstmHelper((int) conf.getNIn(), (int) conf.getNOut(), threads));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot install the fused LSTM helper", e);
        }
        return true;
    }

    private static LSTMHelper helperOf(LSTM lstm) {
        try {
            return (LSTMHelper) HELPER.get(lstm);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the LSTM helper", e);
        }
    }

    private static Field helperField() {
        try {
            Field field = LSTM.class.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
