package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A restored network as the order/chaos analysis sees it: the parameters the probes drive, and those of the
 * autonomous map that runs after the probes, whose order or chaos is measured.
 * <ul>
 *   <li>{@link Dynamics#ZERO_INPUT}, a classifier (the paper's): after the review the input is the zero vector, so
 *       the autonomous map is the cell itself with x = 0.</li>
 *   <li>{@link Dynamics#CLOSED_LOOP}, a forecaster (layer 0 an LSTM or SimpleRnn on D inputs, layer 1 an identity
 *       {@code RnnOutputLayer} with D outputs): after the probe series the output is fed back as the next input,
 *       s = (h, c) ↦ step(x = h·W_out + b_out); {@link RecurrentParameters#closedLoop} turns that into the zero-input
 *       map of a cell with RW' = RW + W_out·W, b' = b + b_out·W.</li>
 * </ul>
 *
 * The cells of both are built once, here, and shared by every measurement of the network (the distance and the
 * spectrum): each holds its token-drive table E_tok·W + b, V·4H doubles, which is not worth building twice. Immutable,
 * like the cells, so shareable between threads.
 */
public final class AnalysedNetwork {

    private final RecurrentParameters driven;
    private final RecurrentParameters autonomous;
    private final Dynamics dynamics;
    private final RecurrentCell<?> drivenCell;
    private final RecurrentCell<?> autonomousCell;

    /** The autonomous map after the probes. */
    public enum Dynamics {
        /** Zero input after the sequence: classifiers, the paper's protocol. */
        ZERO_INPUT,
        /** Output fed back as the next input: forecasters. */
        CLOSED_LOOP
    }

    /**
     * @param driven     θ as trained: what the probes drive
     * @param autonomous θ of the autonomous map (the same object as {@code driven} for zero input)
     * @param dynamics   which autonomous map
     */
    private AnalysedNetwork(RecurrentParameters driven, RecurrentParameters autonomous, Dynamics dynamics) {
        this.driven = driven;
        this.autonomous = autonomous;
        this.dynamics = dynamics;
        this.drivenCell = driven.cell();
        this.autonomousCell = autonomous == driven ? drivenCell : autonomous.cell();
    }

    /** θ as trained: what the probes drive. */
    public RecurrentParameters driven() {
        return driven;
    }

    /** θ of the autonomous map (the same object as {@link #driven} for zero input). */
    public RecurrentParameters autonomous() {
        return autonomous;
    }

    /** Which autonomous map runs after the probes. */
    public Dynamics dynamics() {
        return dynamics;
    }

    /** The cell of {@link #driven}, built once. */
    public RecurrentCell<?> drivenCell() {
        return drivenCell;
    }

    /** The cell of {@link #autonomous}, built once (the driven cell itself for zero input). */
    public RecurrentCell<?> autonomousCell() {
        return autonomousCell;
    }

    /** A classifier's θ with its zero-input map. */
    public static AnalysedNetwork zeroInput(RecurrentParameters theta) {
        return new AnalysedNetwork(theta, theta, Dynamics.ZERO_INPUT);
    }

    /**
     * A forecaster's θ with its closed-loop map (output y = h·W_out + b_out fed back).
     * Preconditions as {@link RecurrentParameters#closedLoop}.
     */
    public static AnalysedNetwork closedLoop(RecurrentParameters theta, INDArray outputWeights, INDArray outputBias) {
        return new AnalysedNetwork(theta, theta.closedLoop(outputWeights, outputBias), Dynamics.CLOSED_LOOP);
    }

    /**
     * Reads a trained network: an embedding classifier ({@link RecurrentParameters#from}) gets the zero-input map; a
     * forecaster (layer 0 LSTM or SimpleRnn with parameters {@code 0_W}, {@code 0_RW}, {@code 0_b}, layer 1 an
     * identity {@code RnnOutputLayer} with {@code 1_W} [H, D], {@code 1_b} [D] and as many outputs as inputs) gets
     * the closed-loop map. Cost: one copy of the parameters.
     *
     * @throws IllegalArgumentException if the network is neither, naming the problem
     */
    public static AnalysedNetwork from(MultiLayerNetwork net) {
        RecurrentParameters theta = RecurrentParameters.from(net);
        if (NetworkParameters.layout(net) == NetworkParameters.Layout.EMBEDDING) {
            return zeroInput(theta);
        }
        Layer output = NetworkParameters.layer(net, 1);
        if (!(output instanceof RnnOutputLayer rnnOutput)
                || !(rnnOutput.getActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("A forecaster's layer 1 must be an RnnOutputLayer with identity "
                    + "activation (its output is fed back), is " + output);
        }
        Map<String, INDArray> table = net.paramTable();
        if (!table.containsKey("1_W") || !table.containsKey("1_b")) {
            throw new IllegalArgumentException("A forecaster's output layer needs 1_W and 1_b, has " + table.keySet());
        }
        INDArray outputBias = NetworkParameters.asDouble(table.get("1_b"));
        INDArray outputWeights = NetworkParameters.asDouble(table.get("1_W"));
        if (outputWeights.columns() != theta.w().rows()) {
            throw new IllegalArgumentException("A forecaster's output must be fed back as its input: "
                    + theta.w().rows() + " inputs but " + outputWeights.columns() + " outputs");
        }
        return closedLoop(theta, outputWeights, outputBias.reshape(1, outputBias.length()));
    }
}
