package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters θ of the embedding + LSTM part of the observatory's network, in double precision, in the
 * row-vector convention of Deeplearning4j: {@code z = x·W + h·RW + b}.
 *
 * <p>Method: the arrays are copied out of {@link MultiLayerNetwork#paramTable()} (layer 0 the
 * {@code EmbeddingSequenceLayer}, layer 1 the {@code LSTM}, possibly wrapped in {@link LastTimeStep}) and cast to
 * {@link DataType#DOUBLE} by {@link NetworkParameters}, which also folds an embedding bias into {@code eTok}.
 *
 * <p>Reference: Deeplearning4j 1.0.0-M2.1 {@code LSTMHelpers.activateHelper} (gate order g, f, o, i; no peepholes);
 * Wei et al., arXiv:2505.20030, Sec. III (the network analysed).
 *
 * @param eTok       token embedding E_tok, [V, E]: row t is the input vector x of token t
 * @param w          input weights W, [E, 4H]
 * @param rw         recurrent weights RW, [H, 4H]
 * @param b          bias b, [1, 4H]
 * @param hiddenSize H, the number of LSTM units
 */
public record LstmParameters(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize)
        implements RecurrentParameters {

    /** The four gate blocks g, f, o, i of z. */
    public static final int GATES = 4;

    /** Checks shapes and precision by {@link RecurrentParameters#requireShapes}: W, RW and b of width 4H. */
    public LstmParameters {
        RecurrentParameters.requireShapes(eTok, w, rw, b, hiddenSize, GATES);
    }

    /** A new {@link LstmCell} of θ. */
    @Override
    public LstmCell cell() {
        return new LstmCell(this);
    }

    /** A new {@link LstmJacobian} of θ (per thread: it holds scratch arrays). */
    @Override
    public LstmJacobian zeroInputMap() {
        return new LstmJacobian(this);
    }

    @Override
    public LstmParameters withRecurrence(INDArray recurrentWeights, INDArray bias) {
        return new LstmParameters(eTok, w, recurrentWeights, bias, hiddenSize);
    }

    /**
     * Extracts θ from a trained network. Preconditions: layer 0 is an embedding layer with parameter
     * {@code 0_W}, layer 1 an {@link LSTM} (tanh activation, sigmoid gates), bare or in a {@link LastTimeStep}.
     * Cost: one copy of the V·E + (E + H + 1)·4H parameters.
     *
     * @throws IllegalArgumentException if the network is not of that architecture, naming what is missing
     */
    public static LstmParameters from(MultiLayerNetwork net) {
        requireTanhSigmoidLstm(net);
        return NetworkParameters.extract(net, "LSTM", LstmParameters::new);
    }

    private static void requireTanhSigmoidLstm(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.layers.Layer conf = NetworkParameters.recurrentLayer(net);
        if (!(conf instanceof LSTM lstm)) {
            throw new IllegalArgumentException("The recurrent layer must be an LSTM, is "
                    + conf.getClass().getSimpleName());
        }
        if (!(lstm.getActivationFn() instanceof ActivationTanH)
                || !(lstm.getGateActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("LSTM must use tanh activation and sigmoid gates, has "
                    + lstm.getActivationFn() + " / " + lstm.getGateActivationFn());
        }
    }
}
