package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The parameters θ of the embedding + LSTM part of the observatory's network, in double precision, in the
 * row-vector convention of Deeplearning4j: {@code z = x·W + h·RW + b}.
 *
 * <p>Method: the arrays are copied out of {@link MultiLayerNetwork#paramTable()} (layer 0 the
 * {@code EmbeddingSequenceLayer}, layer 1 the {@code LSTM}, possibly wrapped in {@link LastTimeStep}) and cast to
 * {@link DataType#DOUBLE}, because the asymptotic distance compares trajectories 1e-8 apart over 1600 steps, which
 * float32 cannot resolve. An embedding bias {@code 0_b}, where present, is folded into every row of
 * {@code eTok}: DL4J adds it to the looked-up row, so x = eTok[token] either way.
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
public record LstmParameters(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize) {

    /** Parameter keys of {@link MultiLayerNetwork#paramTable()} that hold θ. */
    public static final String EMBEDDING_KEY = "0_W";
    public static final String EMBEDDING_BIAS_KEY = "0_b";
    public static final String INPUT_WEIGHTS_KEY = "1_W";
    public static final String RECURRENT_WEIGHTS_KEY = "1_RW";
    public static final String BIAS_KEY = "1_b";

    /**
     * Checks shapes and precision. Preconditions: all arrays {@link DataType#DOUBLE}, H ≥ 1, eTok [V, E],
     * W [E, 4H], RW [H, 4H], b [1, 4H].
     *
     * @throws IllegalArgumentException naming the offending array
     */
    public LstmParameters {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("H must be at least 1, got " + hiddenSize);
        }
        long fourH = 4L * hiddenSize;
        requireShape("E_tok", eTok, eTok.rows(), eTok.columns());
        requireShape("W", w, eTok.columns(), fourH);
        requireShape("RW", rw, hiddenSize, fourH);
        requireShape("b", b, 1, fourH);
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
        Map<String, INDArray> table = net.paramTable();
        for (String key : new String[]{EMBEDDING_KEY, INPUT_WEIGHTS_KEY, RECURRENT_WEIGHTS_KEY, BIAS_KEY}) {
            if (!table.containsKey(key)) {
                throw new IllegalArgumentException("Not an embedding + LSTM network: parameter " + key
                        + " missing (has " + table.keySet() + ")");
            }
        }
        INDArray eTok = asDouble(table.get(EMBEDDING_KEY));
        if (table.containsKey(EMBEDDING_BIAS_KEY)) {
            eTok.addiRowVector(asDouble(table.get(EMBEDDING_BIAS_KEY)).reshape(1, eTok.columns()));
        }
        INDArray rw = asDouble(table.get(RECURRENT_WEIGHTS_KEY));
        INDArray b = asDouble(table.get(BIAS_KEY));
        return new LstmParameters(eTok, asDouble(table.get(INPUT_WEIGHTS_KEY)), rw,
                b.reshape(1, b.length()), (int) rw.rows());
    }

    /** V, the vocabulary size. */
    public int vocabularySize() {
        return (int) eTok.rows();
    }

    /** E, the embedding width. */
    public int embeddingSize() {
        return (int) eTok.columns();
    }

    private static void requireTanhSigmoidLstm(MultiLayerNetwork net) {
        if (net.getnLayers() < 2) {
            throw new IllegalArgumentException("Expected embedding + LSTM layers, network has " + net.getnLayers());
        }
        Layer layer = net.getLayer(1);
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof LastTimeStep wrapper) {
            conf = wrapper.getUnderlying();
        }
        if (!(conf instanceof LSTM lstm)) {
            throw new IllegalArgumentException("Layer 1 must be an LSTM, is " + conf.getClass().getSimpleName());
        }
        if (!(lstm.getActivationFn() instanceof ActivationTanH)
                || !(lstm.getGateActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("LSTM must use tanh activation and sigmoid gates, has "
                    + lstm.getActivationFn() + " / " + lstm.getGateActivationFn());
        }
    }

    private static INDArray asDouble(INDArray array) {
        // castTo returns the same array when it is already DOUBLE: dup so θ never aliases the network's views.
        return array.castTo(DataType.DOUBLE).dup('c');
    }

    private static void requireShape(String symbol, INDArray array, long rows, long columns) {
        if (array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(symbol + " must be DOUBLE, is " + array.dataType());
        }
        if (array.rank() != 2 || array.rows() != rows || array.columns() != columns) {
            throw new IllegalArgumentException(symbol + " must be [" + rows + ", " + columns + "], is "
                    + java.util.Arrays.toString(array.shape()));
        }
    }
}
