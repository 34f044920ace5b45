package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Reading the embedding + recurrent part of the observatory's network: layer 0 an {@code EmbeddingSequenceLayer}
 * with {@code 0_W} (and maybe {@code 0_b}), layer 1 the recurrent layer with {@code 1_W}, {@code 1_RW}, {@code 1_b},
 * possibly wrapped in {@link LastTimeStep}. Arrays are copied out in double precision, because the asymptotic
 * distance compares trajectories 1e-8 apart over 1600 steps, which float32 cannot resolve.
 */
final class NetworkParameters {

    static final String EMBEDDING_KEY = "0_W";
    static final String EMBEDDING_BIAS_KEY = "0_b";
    static final String INPUT_WEIGHTS_KEY = "1_W";
    static final String RECURRENT_WEIGHTS_KEY = "1_RW";
    static final String BIAS_KEY = "1_b";

    private NetworkParameters() {
    }

    /** The configuration of layer 1, unwrapped from {@link LastTimeStep}. */
    static Layer recurrentLayer(MultiLayerNetwork net) {
        if (net.getnLayers() < 2) {
            throw new IllegalArgumentException("Expected embedding + recurrent layers, network has "
                    + net.getnLayers());
        }
        Layer conf = net.getLayer(1).conf().getLayer();
        return conf instanceof LastTimeStep wrapper ? wrapper.getUnderlying() : conf;
    }

    /** The canonical constructor of a {@link RecurrentParameters} record. */
    @FunctionalInterface
    interface Constructor<P extends RecurrentParameters> {
        P of(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize);
    }

    /**
     * θ copied out of the network in double precision, b reshaped to [1, gates·H] and H read off RW's rows.
     * Preconditions: as {@link #requireTable}; the caller has checked layer 1's type. Cost: one copy of the
     * V·E + (E + H + 1)·gates·H parameters.
     *
     * @param architecture named in the error, e.g. "LSTM"
     * @param constructor  builds (and shape-checks) the parameters record
     */
    static <P extends RecurrentParameters> P extract(MultiLayerNetwork net, String architecture,
                                                     Constructor<P> constructor) {
        Map<String, INDArray> table = requireTable(net, architecture);
        INDArray rw = asDouble(table.get(RECURRENT_WEIGHTS_KEY));
        INDArray b = asDouble(table.get(BIAS_KEY));
        return constructor.of(tokenEmbedding(table), asDouble(table.get(INPUT_WEIGHTS_KEY)), rw,
                b.reshape(1, b.length()), (int) rw.rows());
    }

    /**
     * The parameter table, after checking it holds the embedding and the recurrent layer's W, RW and b.
     *
     * @param architecture named in the error, e.g. "LSTM"
     */
    static Map<String, INDArray> requireTable(MultiLayerNetwork net, String architecture) {
        Map<String, INDArray> table = net.paramTable();
        for (String key : new String[]{EMBEDDING_KEY, INPUT_WEIGHTS_KEY, RECURRENT_WEIGHTS_KEY, BIAS_KEY}) {
            if (!table.containsKey(key)) {
                throw new IllegalArgumentException("Not an embedding + " + architecture + " network: parameter "
                        + key + " missing (has " + table.keySet() + ")");
            }
        }
        return table;
    }

    /**
     * E_tok, [V, E] in double precision: row t is the input vector x of token t. An embedding bias {@code 0_b},
     * where present, is folded into every row: DL4J adds it to the looked-up row, so x = eTok[token] either way.
     */
    static INDArray tokenEmbedding(Map<String, INDArray> table) {
        INDArray eTok = asDouble(table.get(EMBEDDING_KEY));
        if (table.containsKey(EMBEDDING_BIAS_KEY)) {
            eTok.addiRowVector(asDouble(table.get(EMBEDDING_BIAS_KEY)).reshape(1, eTok.columns()));
        }
        return eTok;
    }

    /** A DOUBLE copy that never aliases the network's views ({@code castTo} returns the same array when DOUBLE). */
    static INDArray asDouble(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c');
    }

    /** @throws IllegalArgumentException unless {@code array} is DOUBLE [rows, columns], naming {@code symbol} */
    static void requireShape(String symbol, INDArray array, long rows, long columns) {
        if (array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(symbol + " must be DOUBLE, is " + array.dataType());
        }
        if (array.rank() != 2 || array.rows() != rows || array.columns() != columns) {
            throw new IllegalArgumentException(symbol + " must be [" + rows + ", " + columns + "], is "
                    + Arrays.toString(array.shape()));
        }
    }
}
