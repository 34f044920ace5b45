package org.descentobservatory.trainer.compute.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Plugs {@link LstmKernel} into Deeplearning4j's own {@code LSTM} layer through the layer's helper hook (the hook
 * Deeplearning4j uses for cuDNN): {@code LSTMHelpers.activateHelper} and {@code backpropGradientHelper} hand the work
 * to the helper, and run their own implementation when it returns null. The layer, its configuration, its parameter
 * and gradient views and the updater stay Deeplearning4j's, so checkpoints keep the stock form.
 * <p>
 * Handles the paper's case: FLOAT, tanh cell activation, sigmoid gates, no peepholes, forward direction, no mask;
 * training forward passes, BPTT (full or truncated) and inference (evaluation; in slices of
 * {@value #INFERENCE_SEQUENCES} sequences, so a large evaluation chunk does not grow the kernel's buffers); returns
 * null (stock code) for anything else. Deeplearning4j 1.0.0-M2.1 runs the forward pass twice per training step (once
 * for the activations, once again inside backprop, its LSTM cache mode being disabled); this helper runs it once: the
 * second call reuses the first when the input is the same array and W, RW and b are unchanged. Layout conversions
 * between Deeplearning4j's [m, n, T] arrays and the kernel's time-major rows: {@link SequenceLayouts}.
 */
final class FusedLstmHelper implements LSTMHelper {

    /** Sequences per kernel call in inference (as the paper's minibatch, so training's buffers serve both). */
    private static final int INFERENCE_SEQUENCES = 32;

    private final LstmKernel kernel;
    private final SequenceLayouts layouts = new SequenceLayouts();
    /** What the kernel's current trace was computed from: the input array (by identity) and the weights. */
    private INDArray tracedInput;
    private float[][] tracedWeights;
    private boolean traceHasZeroStart;
    private long forwardPasses;
    private long reusedForwardPasses;
    private long backwardPasses;

    FusedLstmHelper(int inputSize, int hiddenSize, int threads) {
        this.kernel = new LstmKernel(inputSize, hiddenSize, threads);
    }

    /** Whether the layer configured by {@code conf} computes what {@link LstmKernel} computes. */
    static boolean supports(NeuralNetConfiguration conf, IActivation gateActivation) {
        BaseLayer layer = (BaseLayer) conf.getLayer();
        return layer.getActivationFn() instanceof ActivationTanH && gateActivation instanceof ActivationSigmoid
                && layer.getIDropout() == null && layer.getWeightNoise() == null;
    }

    @Override
    public boolean checkSupported(IActivation gateActivationFn, IActivation activationFn,
                                  boolean hasPeepholeConnections) {
        return gateActivationFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH
                && !hasPeepholeConnections;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn,
                                  INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray biases,
                                  boolean training, INDArray prevOutputActivations, INDArray prevMemCellState,
                                  boolean forBackprop, boolean forwards, String inputWeightKey, INDArray maskArray,
                                  boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        if (!forwards || maskArray != null || hasPeepholeConnections || input.rank() != 3
                || input.dataType() != DataType.FLOAT || !supports(conf, gateActivationFn)
                || recurrentWeights.size(1) != 4L * kernel.hiddenSize() || input.size(1) != kernel.inputSize()) {
            return null;
        }
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int hiddenSize = kernel.hiddenSize();
        float[][] weights = {rowMajor(inputWeights), rowMajor(recurrentWeights), rowMajor(biases)};
        float[] h0 = nonZeroState(prevOutputActivations);
        float[] c0 = nonZeroState(prevMemCellState);
        boolean zeroStart = h0 == null && c0 == null;
        boolean traced = training && forBackprop && input == tracedInput && zeroStart && traceHasZeroStart
                && Arrays.deepEquals(weights, tracedWeights);
        // Training keeps the whole minibatch's trace for BPTT; inference runs in slices to bound the kernel's buffers.
        int slice = training ? batch : Math.min(batch, INFERENCE_SEQUENCES);
        if (!forBackprop) {
            layouts.startStock(batch, hiddenSize, steps);
        }
        float[] lastHidden = new float[batch * hiddenSize];
        float[] lastCell = new float[batch * hiddenSize];
        if (traced) {
            reusedForwardPasses++;
        } else {
            forwardPasses++;
            kernel.setWeights(weights[0], weights[1], weights[2]);
        }
        for (int from = 0; from < batch; from += slice) {
            int to = Math.min(batch, from + slice);
            if (!traced) {
                kernel.forward(layouts.toTimeMajor(input, from, to), steps, to - from,
                        rows(h0, from, to, hiddenSize), rows(c0, from, to, hiddenSize));
            }
            if (!forBackprop) {
                layouts.addTimeMajor(kernel.output(), batch, from, to, hiddenSize, steps);
            }
            System.arraycopy(kernel.finalHidden(), 0, lastHidden, from * hiddenSize, (to - from) * hiddenSize);
            System.arraycopy(kernel.finalCell(), 0, lastCell, from * hiddenSize, (to - from) * hiddenSize);
        }
        if (training) {
            tracedInput = input;
            tracedWeights = weights;
            traceHasZeroStart = zeroStart;
        } else {
            tracedInput = null;
            tracedWeights = null;
        }
        FwdPassReturn pass = training ? new FusedForwardPass() : new FwdPassReturn();
        pass.lastAct = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT, batch, hiddenSize);
        pass.lastAct.data().asNioFloat().put(lastHidden);
        pass.lastMemCell = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT, batch, hiddenSize);
        pass.lastMemCell.data().asNioFloat().put(lastCell);
        if (!forBackprop) {
            pass.fwdPassOutput = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {batch, hiddenSize, steps}, 'f');
            pass.fwdPassOutput.data().asNioFloat().put(layouts.stock(), 0, batch * hiddenSize * steps);
        }
        return pass;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn,
                                                     INDArray input, INDArray recurrentWeights,
                                                     INDArray inputWeights, INDArray epsilon, boolean truncatedBPTT,
                                                     int tbpttBackwardLength, FwdPassReturn fwdPass,
                                                     boolean forwards, String inputWeightKey,
                                                     String recurrentWeightKey, String biasWeightKey,
                                                     Map<String, INDArray> gradientViews, INDArray maskArray,
                                                     boolean hasPeepholeConnections,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof FusedForwardPass)) {
            return null;
        }
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int firstStep = truncatedBPTT ? Math.max(0, steps - tbpttBackwardLength) : 0;
        kernel.backward(layouts.toTimeMajor(epsilon, 0, batch), firstStep);
        backwardPasses++;

        Gradient gradient = new DefaultGradient();
        INDArray w = gradientViews.get(inputWeightKey);
        w.assign(Nd4j.create(floats(kernel.inputWeightGradient()), w.shape(), 'c'));
        gradient.setGradientFor(inputWeightKey, w);
        INDArray rw = gradientViews.get(recurrentWeightKey);
        rw.assign(Nd4j.create(floats(kernel.recurrentWeightGradient()), rw.shape(), 'c'));
        gradient.setGradientFor(recurrentWeightKey, rw);
        INDArray b = gradientViews.get(biasWeightKey);
        b.assign(Nd4j.create(kernel.biasGradient(), b.shape(), 'c'));
        gradient.setGradientFor(biasWeightKey, b);

        int inputSize = kernel.inputSize();
        layouts.startStock(batch, inputSize, steps);
        layouts.addTimeMajor(kernel.inputGradient(), batch, 0, batch, inputSize, steps);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {batch, inputSize, steps}, 'f');
        inputGradient.data().asNioFloat().put(layouts.stock(), 0, batch * inputSize * steps);
        return new Pair<>(gradient, inputGradient);
    }

    /** Rows [from, to) of a row-major [m, width] state, or null for null (zeros). */
    private static float[] rows(float[] state, int from, int to, int width) {
        return state == null ? null : Arrays.copyOfRange(state, from * width, to * width);
    }

    /** How many passes this helper ran so far (the rest ran Deeplearning4j's own code). */
    FusedLstm.Passes passes() {
        return new FusedLstm.Passes(forwardPasses, reusedForwardPasses, backwardPasses);
    }

    /** The elements of {@code array} in row-major order. */
    private static float[] rowMajor(INDArray array) {
        return array.dup('c').data().asFloat();
    }

    /** The [m, H] state as a row-major array, or null when it is all zeros (the stock layer's default start). */
    private static float[] nonZeroState(INDArray state) {
        if (state == null) {
            return null;
        }
        float[] values = rowMajor(state);
        for (float v : values) {
            if (v != 0f) {
                return values;
            }
        }
        return null;
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** Marks a forward pass this helper ran, so that its backprop (and no other) uses the kernel's trace. */
    private static final class FusedForwardPass extends FwdPassReturn {
    }
}
