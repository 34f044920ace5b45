package org.descentobservatory.trainer.compute.lstm;

import org.descentobservatory.blas.Sgemm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

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
 * arithmetic in one fused loop over primitive arrays; backward likewise needs one [m, 4H]·[4H, H] product per step,
 * and the weight gradients and ∂L/∂x are three products over all T·m rows at the end. The forward pass keeps what
 * BPTT needs (gate activations, cell states and their tanh, hidden states). The sequences of a minibatch are
 * independent through the recurrence, so with {@code threads} > 1 each thread runs the recurrence of its share of
 * the minibatch (forward and backward); only the products over all rows are shared.
 * <p>
 * Layout: every sequence-shaped buffer is time-major and row-major, row t·m + b holding sequence b at step t.
 * Buffers are allocated for the largest shape seen and reused. Cost per minibatch: 2·T·m·4H·(E + H) flops forward,
 * twice that backward, plus O(T·m·H) element-wise work (five exponentials per unit and step). Not thread-safe: one
 * kernel per layer, called by one thread at a time.
 */
final class LstmKernel {

    /** Runs the recurrences of all kernels' minibatch shares beyond the first (which runs on the caller). */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fused-lstm");
        thread.setDaemon(true);
        return thread;
    });

    private final int inputSize;
    private final int hiddenSize;
    private final int gateWidth;
    private final int threads;

    /** W, RW (row-major) and b of the last {@link #setWeights} call. */
    private final FloatBuffer inputWeights;
    private final FloatBuffer recurrentWeights;
    private final float[] bias;

    private int steps;
    private int batch;
    private int capacityRows;
    private int capacityBatch;

    /** [T·m, E] the inputs, as given to {@link #forward}. */
    private FloatBuffer inputs;
    /** [T·m, 4H] x_t·W, then reused for δz_t. */
    private FloatBuffer products;
    /** [(T + 1)·m, H]: row block t is h_{t−1} (block 0 the initial state), so block t + 1 is the output h_t. */
    private FloatBuffer hidden;
    /** [T·m, 4H] activations g, f, o, i. */
    private float[] gates;
    /** [(T + 1)·m, H]: row block t is c_{t−1}. */
    private float[] cells;
    /** [T·m, H] tanh(c_t). */
    private float[] cellTanh;
    /** [T·m, E] ∂L/∂x_t. */
    private FloatBuffer inputGradients;
    /** The minibatch shares, one per thread. */
    private final List<Share> shares = new ArrayList<>();

    /** Weight gradients of the last {@link #backward}: ∂L/∂W [E, 4H], ∂L/∂RW [H, 4H] row-major, ∂L/∂b [4H]. */
    private final FloatBuffer inputWeightGradient;
    private final FloatBuffer recurrentWeightGradient;
    private final float[] biasGradient;

    /** @param threads how many threads run the recurrence, at least 1 */
    LstmKernel(int inputSize, int hiddenSize, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateWidth = 4 * hiddenSize;
        this.threads = threads;
        this.inputWeights = floats(inputSize * gateWidth);
        this.recurrentWeights = floats(hiddenSize * gateWidth);
        this.bias = new float[gateWidth];
        this.inputWeightGradient = floats(inputSize * gateWidth);
        this.recurrentWeightGradient = floats(hiddenSize * gateWidth);
        this.biasGradient = new float[gateWidth];
    }

    int inputSize() {
        return inputSize;
    }

    int hiddenSize() {
        return hiddenSize;
    }

    /** Copies the parameters: W [E, 4H] and RW [H, 4H] row-major, b [4H]. */
    void setWeights(float[] w, float[] rw, float[] b) {
        inputWeights.clear();
        inputWeights.put(w).clear();
        recurrentWeights.clear();
        recurrentWeights.put(rw).clear();
        System.arraycopy(b, 0, bias, 0, gateWidth);
    }

    /**
     * Runs the cell over {@code steps} steps of {@code batch} sequences. {@code x} holds [T·m, E] time-major inputs
     * (read from its position); {@code h0}, {@code c0} the [m, H] initial state, or null for zeros. Afterwards
     * {@link #output}, {@link #finalHidden} and {@link #finalCell} hold the results until the next call.
     */
    void forward(FloatBuffer x, int steps, int batch, float[] h0, float[] c0) {
        allocate(steps, batch);
        int rows = steps * batch;
        int stepHiddenSize = batch * hiddenSize;
        inputs.clear();
        inputs.put(x.duplicate().limit(x.position() + rows * inputSize)).clear();
        products.clear();
        Sgemm.multiply(false, false, rows, gateWidth, inputSize, inputs, inputWeights, 0f, products);
        hidden.clear();
        if (h0 == null) {
            for (int k = 0; k < stepHiddenSize; k++) {
                hidden.put(k, 0f);
            }
        } else {
            hidden.put(h0, 0, stepHiddenSize).clear();
        }
        if (c0 == null) {
            Arrays.fill(cells, 0, stepHiddenSize, 0f);
        } else {
            System.arraycopy(c0, 0, cells, 0, stepHiddenSize);
        }
        boolean zeroStart = h0 == null;
        inParallel(share -> shares.get(share).forward(zeroStart));
    }

    /**
     * The outputs h_0 … h_{T−1} of the last {@link #forward}, [T·m, H] time-major, as a read-only view.
     */
    FloatBuffer output() {
        int stepHiddenSize = batch * hiddenSize;
        return hidden.duplicate().position(stepHiddenSize).limit((steps + 1) * stepHiddenSize).slice()
                .asReadOnlyBuffer();
    }

    /** h_{T−1} of the last {@link #forward}, [m, H]. */
    float[] finalHidden() {
        float[] last = new float[batch * hiddenSize];
        hidden.duplicate().position(steps * batch * hiddenSize).get(last);
        return last;
    }

    /** c_{T−1} of the last {@link #forward}, [m, H]. */
    float[] finalCell() {
        int size = batch * hiddenSize;
        return Arrays.copyOfRange(cells, steps * size, (steps + 1) * size);
    }

    /**
     * BPTT for the last {@link #forward}: {@code outputGradient} holds ∂L/∂h_t [T·m, H] time-major (the loss's direct
     * dependence on each output). Gradients flow back to step {@code firstStep} (0 for full BPTT; T − k for truncated
     * BPTT of length k, as Deeplearning4j truncates). Afterwards {@link #inputWeightGradient}, {@link
     * #recurrentWeightGradient}, {@link #biasGradient} and {@link #inputGradient} hold the results.
     */
    void backward(float[] outputGradient, int firstStep) {
        inParallel(share -> shares.get(share).backward(outputGradient, firstStep));
        Arrays.fill(biasGradient, 0f);
        for (Share share : shares) {
            for (int k = 0; k < gateWidth; k++) {
                biasGradient[k] += (float) share.biasGradient[k];
            }
        }
        int h = hiddenSize;
        int first = firstStep * batch;
        int rows = steps * batch - first;
        FloatBuffer deltas = products.duplicate().position(first * gateWidth).slice();
        FloatBuffer usedInputs = inputs.duplicate().position(first * inputSize).slice();
        FloatBuffer previousHidden = hidden.duplicate().position(first * h).slice();
        inputWeightGradient.clear();
        recurrentWeightGradient.clear();
        Sgemm.multiply(true, false, inputSize, gateWidth, rows, usedInputs, deltas, 0f, inputWeightGradient);
        Sgemm.multiply(true, false, h, gateWidth, rows, previousHidden, deltas, 0f, recurrentWeightGradient);
        inputGradients.clear();
        for (int k = 0; k < first * inputSize; k++) {
            inputGradients.put(k, 0f);
        }
        Sgemm.multiply(false, true, rows, inputSize, gateWidth, deltas, inputWeights, 0f,
                inputGradients.duplicate().position(first * inputSize).slice());
    }

    /** ∂L/∂W [E, 4H] row-major, of the last {@link #backward}. */
    FloatBuffer inputWeightGradient() {
        return inputWeightGradient.duplicate().clear();
    }

    /** ∂L/∂RW [H, 4H] row-major, of the last {@link #backward}. */
    FloatBuffer recurrentWeightGradient() {
        return recurrentWeightGradient.duplicate().clear();
    }

    /** ∂L/∂b [4H] of the last {@link #backward} (each thread's share summed in double). */
    float[] biasGradient() {
        return biasGradient.clone();
    }

    /** ∂L/∂x_t [T·m, E] time-major, of the last {@link #backward}. */
    FloatBuffer inputGradient() {
        return inputGradients.duplicate().limit(steps * batch * inputSize).slice().asReadOnlyBuffer();
    }

    /** Runs {@code task} for every share, the first on the calling thread, and waits for all. */
    private void inParallel(IntConsumer task) {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int s = 1; s < shares.size(); s++) {
            int share = s;
            others.add(CompletableFuture.runAsync(() -> task.accept(share), WORKERS));
        }
        task.accept(0);
        for (CompletableFuture<Void> other : others) {
            other.join();
        }
    }

    private void allocate(int steps, int batch) {
        this.steps = steps;
        this.batch = batch;
        int rows = steps * batch;
        if (rows > capacityRows || batch > capacityBatch) {
            capacityRows = Math.max(rows, capacityRows);
            capacityBatch = Math.max(batch, capacityBatch);
            inputs = floats(capacityRows * inputSize);
            products = floats(capacityRows * gateWidth);
            hidden = floats((capacityRows + capacityBatch) * hiddenSize);
            gates = new float[capacityRows * gateWidth];
            cells = new float[(capacityRows + capacityBatch) * hiddenSize];
            cellTanh = new float[capacityRows * hiddenSize];
            inputGradients = floats(capacityRows * inputSize);
        }
        int parts = Math.min(threads, batch);
        if (shares.size() != parts || shares.get(parts - 1).end != batch) {
            shares.clear();
            for (int p = 0; p < parts; p++) {
                shares.add(new Share(p * batch / parts, (p + 1) * batch / parts));
            }
        }
    }

    /**
     * The sequences [start, end) of the minibatch and their per-step scratch: one thread's share of the recurrence.
     * Shares touch disjoint rows of the shared buffers (through their own buffer views).
     */
    private final class Share {

        final int start;
        final int end;
        private final int size;
        private final FloatBuffer stepProduct;
        private final FloatBuffer stepHidden;
        private final float[] stepGates;
        private final float[] stepHiddenValues;
        private final float[] recurrentGradient;
        private final float[] cellGradient;
        final double[] biasGradient;

        Share(int start, int end) {
            this.start = start;
            this.end = end;
            this.size = end - start;
            this.stepProduct = floats(size * gateWidth);
            this.stepHidden = floats(size * hiddenSize);
            this.stepGates = new float[size * gateWidth];
            this.stepHiddenValues = new float[size * hiddenSize];
            this.recurrentGradient = new float[size * hiddenSize];
            this.cellGradient = new float[size * hiddenSize];
            this.biasGradient = new double[gateWidth];
        }

        void forward(boolean zeroStart) {
            FloatBuffer products = LstmKernel.this.products.duplicate();
            FloatBuffer hidden = LstmKernel.this.hidden.duplicate();
            FloatBuffer rw = recurrentWeights.duplicate();
            int width = size * gateWidth;
            int hiddenWidth = size * hiddenSize;
            for (int t = 0; t < steps; t++) {
                products.position((t * batch + start) * gateWidth);
                products.get(stepGates, 0, width);
                if (t > 0 || !zeroStart) {
                    hidden.position((t * batch + start) * hiddenSize);
                    stepProduct.clear();
                    Sgemm.multiply(false, false, size, gateWidth, hiddenSize, hidden.slice(), rw, 0f, stepProduct);
                    for (int k = 0; k < width; k++) {
                        stepGates[k] += stepProduct.get(k);
                    }
                }
                cellStep(t);
                hidden.position(((t + 1) * batch + start) * hiddenSize);
                hidden.put(stepHiddenValues, 0, hiddenWidth);
            }
        }

        /** Gate arithmetic of step t: stepGates holds z_t − b; writes gates, cells, cellTanh and stepHiddenValues. */
        private void cellStep(int t) {
            int h = hiddenSize;
            for (int b = 0; b < size; b++) {
                int in = b * gateWidth;
                int row = t * batch + start + b;
                int gateRow = row * gateWidth;
                int previousCell = row * h;
                int cell = previousCell + batch * h;
                for (int j = 0; j < h; j++) {
                    float g = tanh(stepGates[in + j] + bias[j]);
                    float f = sigmoid(stepGates[in + h + j] + bias[h + j]);
                    float o = sigmoid(stepGates[in + 2 * h + j] + bias[2 * h + j]);
                    float i = sigmoid(stepGates[in + 3 * h + j] + bias[3 * h + j]);
                    float c = f * cells[previousCell + j] + i * g;
                    float tc = tanh(c);
                    gates[gateRow + j] = g;
                    gates[gateRow + h + j] = f;
                    gates[gateRow + 2 * h + j] = o;
                    gates[gateRow + 3 * h + j] = i;
                    cells[cell + j] = c;
                    cellTanh[previousCell + j] = tc;
                    stepHiddenValues[b * h + j] = o * tc;
                }
            }
        }

        void backward(float[] outputGradient, int firstStep) {
            FloatBuffer products = LstmKernel.this.products.duplicate();
            FloatBuffer rw = recurrentWeights.duplicate();
            int h = hiddenSize;
            int width = size * gateWidth;
            Arrays.fill(recurrentGradient, 0f);
            Arrays.fill(cellGradient, 0f);
            Arrays.fill(biasGradient, 0.0);
            for (int t = steps - 1; t >= firstStep; t--) {
                for (int b = 0; b < size; b++) {
                    int row = t * batch + start + b;
                    int gateRow = row * gateWidth;
                    int cellRow = row * h;
                    int out = b * gateWidth;
                    for (int j = 0; j < h; j++) {
                        int s = b * h + j;
                        float dh = outputGradient[cellRow + j] + recurrentGradient[s];
                        float g = gates[gateRow + j];
                        float f = gates[gateRow + h + j];
                        float o = gates[gateRow + 2 * h + j];
                        float i = gates[gateRow + 3 * h + j];
                        float tc = cellTanh[cellRow + j];
                        float dc = dh * o * (1f - tc * tc) + cellGradient[s];
                        cellGradient[s] = dc * f;
                        stepGates[out + j] = dc * i * (1f - g * g);
                        stepGates[out + h + j] = dc * cells[cellRow + j] * f * (1f - f);
                        stepGates[out + 2 * h + j] = dh * tc * o * (1f - o);
                        stepGates[out + 3 * h + j] = dc * g * i * (1f - i);
                    }
                    for (int k = 0; k < gateWidth; k++) {
                        biasGradient[k] += stepGates[out + k];
                    }
                }
                products.position((t * batch + start) * gateWidth);
                products.put(stepGates, 0, width);
                if (t > firstStep) {
                    products.position((t * batch + start) * gateWidth);
                    stepHidden.clear();
                    Sgemm.multiply(false, true, size, h, gateWidth, products.slice(), rw, 0f, stepHidden);
                    stepHidden.clear();
                    stepHidden.get(recurrentGradient, 0, size * h);
                }
            }
        }
    }

    /** σ(x) = 1 / (1 + e^(−x)), evaluated in double and rounded once. */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh(x) = sign(x)·(1 − e^(−2|x|)) / (1 + e^(−2|x|)), in double (one exp, no cancellation), rounded once. */
    static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double magnitude = (1.0 - e) / (1.0 + e);
        return (float) (x < 0 ? -magnitude : magnitude);
    }

    private static FloatBuffer floats(int size) {
        return ByteBuffer.allocateDirect(Math.max(size, 1) * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }
}
