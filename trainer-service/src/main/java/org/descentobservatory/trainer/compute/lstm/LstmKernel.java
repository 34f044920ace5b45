package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;
import org.descentobservatory.blas.Shares;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forward pass and backpropagation through time (BPTT) of Deeplearning4j's {@code LSTM} layer (no peepholes, the
 * paper's cell: Hochreiter & Schmidhuber 1997 with the forget gate of Gers et al. 2000, the "vanilla" LSTM of Greff
 * et al. 2017 without peepholes), in float32, over one minibatch of m sequences of T steps:
 * <pre>
 * z_t = x_t·W + h_{t−1}·RW + b            W [E, 4H], RW [H, 4H], b [4H]; column blocks (g, f, o, i), DL4J's order
 * g = tanh(z_g), f = σ(z_f), o = σ(z_o), i = σ(z_i)
 * c_t = f∘c_{t−1} + i∘g,   h_t = o∘tanh(c_t)
 * </pre>
 * and, given ∂L/∂h_t for every t, the gradients ∂L/∂W = Σ_t x_tᵀ·δz_t, ∂L/∂RW = Σ_t h_{t−1}ᵀ·δz_t,
 * ∂L/∂b = Σ_t Σ_rows δz_t and ∂L/∂x_t = δz_t·Wᵀ, where δz_t follows from the chain rule through the cell and
 * ∂L/∂h_{t−1} receives δz_t·RWᵀ.
 * <p>
 * How it is fast (Deeplearning4j's own implementation issues some 50 ND4J operations per time step, each with ~20 µs
 * of overhead, for ~60 µs of arithmetic in all): all inputs are multiplied by W in one product over the T·m rows
 * before the recurrence; each step then needs one [m, H]·[H, 4H] product (OpenBLAS, {@link Sgemm}) and the gate
 * arithmetic in fused loops over primitive arrays ({@link ForwardRecurrence}, {@link Activations}); BPTT likewise
 * needs one [m, 4H]·[4H, H] product per step ({@link BackwardRecurrence}), and the weight gradients and ∂L/∂x are
 * three products over all rows at the end ({@link GradientProducts}).
 * <p>
 * Threads: the sequences of a minibatch are independent through the recurrence, so the minibatch is split into
 * {@value #PARTS} shares, each running the whole forward recurrence, and later the whole BPTT, of its sequences, and
 * the products over all rows into {@value #PARTS} parts by rows (only the parts' weight gradients are summed, in a
 * fixed order). Up to {@code threads} threads ({@link Shares}) run the shares and parts; they meet four times
 * per training step, never per time step. The split does not depend on the thread count, so the results do not
 * either: a run resumed on a replica with another thread count continues bit for bit. OpenBLAS should run
 * single-threaded ({@code OMP_NUM_THREADS=1}, the services' setting): its own threads would split every per-step
 * product again.
 * <p>
 * Buffers: {@link LstmBuffers}. Cost per minibatch: 2·T·m·4H·(E + H) flops forward, twice that backward, plus
 * O(T·m·H) element-wise work (five activations per unit and step). Not thread-safe: one kernel per layer, called by
 * one thread at a time.
 */
final class LstmKernel {

    /**
     * Shares of the minibatch (and parts of the products over all rows): fixed, so that the arithmetic is the same
     * for every thread count; 2 lets two cores work and keeps each per-step product at m/2 rows (16 for the paper).
     */
    static final int PARTS = 2;

    private final int threads;
    private final LstmWeights weights;
    private final LstmBuffers buffers;
    private final List<ForwardRecurrence> forwardShares = new ArrayList<>();
    private final List<BackwardRecurrence> backwardShares = new ArrayList<>();
    private final List<GradientProducts> gradientParts = new ArrayList<>();
    /** The minibatch size m the shares were made for. */
    private int sharedBatch;
    /** ∂L/∂b [4H] of the last {@link #backward}. */
    private final float[] biasGradient;

    /** @param threads how many threads run the kernel, at least 1 (more than {@value #PARTS} do not help) */
    LstmKernel(int inputSize, int hiddenSize, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        this.threads = threads;
        this.weights = new LstmWeights(inputSize, hiddenSize);
        this.buffers = new LstmBuffers(inputSize, hiddenSize);
        this.biasGradient = new float[weights.gateWidth];
    }

    int inputSize() {
        return weights.inputSize;
    }

    int hiddenSize() {
        return weights.hiddenSize;
    }

    /** Copies the parameters: W [E, 4H] and RW [H, 4H] row-major, b [4H]. */
    void setWeights(float[] w, float[] rw, float[] b) {
        weights.set(w, rw, b);
    }

    /**
     * Runs the cell over {@code steps} steps of {@code batch} sequences. {@code x} holds [T·m, E] time-major inputs;
     * {@code h0}, {@code c0} the [m, H] initial state, or null for zeros. Afterwards {@link #output},
     * {@link #finalHidden} and {@link #finalCell} hold the results until the next call.
     */
    void forward(float[] x, int steps, int batch, float[] h0, float[] c0) {
        resize(steps, batch);
        int rows = steps * batch;
        int e = weights.inputSize;
        int gateWidth = weights.gateWidth;
        int stateSize = batch * weights.hiddenSize;
        buffers.inputs.clear();
        buffers.inputs.put(x, 0, rows * e).clear();
        FloatBuffer initialHidden = LstmBuffers.rows(buffers.hidden, weights.hiddenSize, 0, batch);
        if (h0 == null) {
            initialHidden.put(new float[stateSize]);
        } else {
            initialHidden.put(h0, 0, stateSize);
        }
        if (c0 == null) {
            Arrays.fill(buffers.cells, 0, stateSize, 0f);
        } else {
            System.arraycopy(c0, 0, buffers.cells, 0, stateSize);
        }
        int parts = forwardShares.size();
        Shares.run(parts, threads, p -> {
            int from = p * rows / parts;
            int to = (p + 1) * rows / parts;
            Sgemm.multiply(false, false, to - from, gateWidth, e, LstmBuffers.rows(buffers.inputs, e, from, to),
                    weights.input(), 0f, LstmBuffers.rows(buffers.products, gateWidth, from, to));
        });
        boolean zeroStart = h0 == null;
        Shares.run(parts, threads, p -> forwardShares.get(p).run(zeroStart));
    }

    /** The outputs h_0 … h_{T−1} of the last {@link #forward}, [T·m, H] time-major, as a read-only view. */
    FloatBuffer output() {
        int batch = buffers.batch;
        return LstmBuffers.rows(buffers.hidden, weights.hiddenSize, batch, (buffers.steps + 1) * batch)
                .asReadOnlyBuffer();
    }

    /** h_{T−1} of the last {@link #forward}, [m, H]. */
    float[] finalHidden() {
        float[] last = new float[buffers.batch * weights.hiddenSize];
        int rows = buffers.steps * buffers.batch;
        LstmBuffers.rows(buffers.hidden, weights.hiddenSize, rows, rows + buffers.batch).get(last);
        return last;
    }

    /** c_{T−1} of the last {@link #forward}, [m, H]. */
    float[] finalCell() {
        int size = buffers.batch * weights.hiddenSize;
        return Arrays.copyOfRange(buffers.cells, buffers.steps * size, (buffers.steps + 1) * size);
    }

    /**
     * BPTT for the last {@link #forward}: {@code outputGradient} holds ∂L/∂h_t [T·m, H] time-major (the loss's direct
     * dependence on each output). Gradients flow back to step {@code firstStep} (0 for full BPTT; T − k for truncated
     * BPTT of length k, as Deeplearning4j truncates). Afterwards {@link #inputWeightGradient}, {@link
     * #recurrentWeightGradient}, {@link #biasGradient} and {@link #inputGradient} hold the results.
     */
    void backward(float[] outputGradient, int firstStep) {
        int parts = backwardShares.size();
        Shares.run(parts, threads, p -> backwardShares.get(p).run(outputGradient, firstStep));
        Arrays.fill(biasGradient, 0f);
        double[] sum = new double[weights.gateWidth];
        for (BackwardRecurrence share : backwardShares) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += share.biasGradient[k];
            }
        }
        for (int k = 0; k < sum.length; k++) {
            biasGradient[k] = (float) sum[k];
        }
        int first = firstStep * buffers.batch;
        int rows = buffers.steps * buffers.batch - first;
        Shares.run(parts, threads, p -> gradientParts.get(p).run(first + p * rows / parts,
                first + (p + 1) * rows / parts));
        for (int p = 1; p < parts; p++) {
            gradientParts.get(p).addTo(gradientParts.get(0));
        }
        LstmBuffers.rows(buffers.inputGradients, weights.inputSize, 0, first).put(new float[first * weights.inputSize]);
    }

    /** ∂L/∂W [E, 4H] row-major, of the last {@link #backward}. */
    FloatBuffer inputWeightGradient() {
        return gradientParts.get(0).inputWeightGradient.duplicate().clear();
    }

    /** ∂L/∂RW [H, 4H] row-major, of the last {@link #backward}. */
    FloatBuffer recurrentWeightGradient() {
        return gradientParts.get(0).recurrentWeightGradient.duplicate().clear();
    }

    /** ∂L/∂b [4H] of the last {@link #backward} (each share's sum in double, rounded once). */
    float[] biasGradient() {
        return biasGradient.clone();
    }

    /** ∂L/∂x_t [T·m, E] time-major, of the last {@link #backward}. */
    FloatBuffer inputGradient() {
        return LstmBuffers.rows(buffers.inputGradients, weights.inputSize, 0, buffers.steps * buffers.batch)
                .asReadOnlyBuffer();
    }

    /** Buffers for the shape, and the shares of the minibatch (at least one sequence each). */
    private void resize(int steps, int batch) {
        buffers.resize(steps, batch);
        if (batch == sharedBatch) {
            return;
        }
        int parts = Math.min(PARTS, batch);
        forwardShares.clear();
        backwardShares.clear();
        for (int p = 0; p < parts; p++) {
            int start = p * batch / parts;
            int end = (p + 1) * batch / parts;
            forwardShares.add(new ForwardRecurrence(weights, buffers, start, end));
            backwardShares.add(new BackwardRecurrence(weights, buffers, start, end));
        }
        while (gradientParts.size() < parts) {
            gradientParts.add(new GradientProducts(weights, buffers));
        }
        sharedBatch = batch;
    }
}
