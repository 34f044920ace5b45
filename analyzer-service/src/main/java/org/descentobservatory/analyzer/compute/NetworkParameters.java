package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * Reading the recurrent part of the observatory's networks, in one of two layouts ({@link Layout}): a classifier,
 * layer 0 an {@code EmbeddingSequenceLayer} with {@code 0_W} (and maybe {@code 0_b}) and layer 1 the recurrent layer
 * with {@code 1_W}, {@code 1_RW}, {@code 1_b}, possibly wrapped in {@link LastTimeStep}; or a forecaster, layer 0 the
 * recurrent layer with {@code 0_W}, {@code 0_RW}, {@code 0_b} on D real inputs and layer 1 an {@code RnnOutputLayer}.
 * Arrays are copied out in double precision, because the asymptotic distance compares trajectories 1e-8 apart over
 * 1600 steps, which float32 cannot resolve.
 */
final class NetworkParameters {

    static final String EMBEDDING_KEY = "0_W";
    static final String EMBEDDING_BIAS_KEY = "0_b";

    /** Where the recurrent layer sits and what feeds it. */
    enum Layout {
        /** Classifier: embedding (layer 0) → recurrent layer (layer 1) → …; inputs are tokens. */
        EMBEDDING(1),
        /** Forecaster: recurrent layer (layer 0) on D real inputs → RnnOutputLayer (layer 1). */
        FORECASTER(0);

        final int recurrentIndex;

        Layout(int recurrentIndex) {
            this.recurrentIndex = recurrentIndex;
        }

        String key(String parameter) {
            return recurrentIndex + "_" + parameter;
        }
    }

    private NetworkParameters() {
    }

    /**
     * The layout of {@code net}: {@link Layout#FORECASTER} if layer 0 is itself a recurrent layer, else
     * {@link Layout#EMBEDDING} (whose layer 1 is then checked by the caller).
     */
    static Layout layout(MultiLayerNetwork net) {
        if (net.getnLayers() < 2) {
            throw new IllegalArgumentException("Expected a recurrent layer and one after it, network has "
                    + net.getnLayers() + " layer(s)");
        }
        return layer(net, 0) instanceof BaseRecurrentLayer ? Layout.FORECASTER : Layout.EMBEDDING;
    }

    /** The configuration of the recurrent layer (layer 1 of a classifier, 0 of a forecaster), unwrapped. */
    static Layer recurrentLayer(MultiLayerNetwork net) {
        return layer(net, layout(net).recurrentIndex);
    }

    /** The configuration of layer {@code index}, unwrapped from {@link LastTimeStep}. */
    static Layer layer(MultiLayerNetwork net, int index) {
        Layer conf = net.getLayer(index).conf().getLayer();
        return conf instanceof LastTimeStep wrapper ? wrapper.getUnderlying() : conf;
    }

    /** The canonical constructor of a {@link RecurrentParameters} record. */
    @FunctionalInterface
    interface Constructor<P extends RecurrentParameters> {
        P of(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize);
    }

    /**
     * θ copied out of the network in double precision, b reshaped to [1, gates·H] and H read off RW's rows. A
     * forecaster has no embedding: its E_tok is the D×D identity (token d would be the unit input e_d), so that the
     * same record serves both layouts; its probes drive it through {@link RecurrentCell#inputDrive}.
     * Preconditions: as {@link #requireTable}; the caller has checked layer 1's type. Cost: one copy of the
     * V·E + (E + H + 1)·gates·H parameters.
     *
     * @param architecture named in the error, e.g. "LSTM"
     * @param constructor  builds (and shape-checks) the parameters record
     */
    static <P extends RecurrentParameters> P extract(MultiLayerNetwork net, String architecture,
                                                     Constructor<P> constructor) {
        Layout layout = layout(net);
        Map<String, INDArray> table = requireTable(net, layout, architecture);
        INDArray w = asDouble(table.get(layout.key("W")));
        INDArray rw = asDouble(table.get(layout.key("RW")));
        INDArray b = asDouble(table.get(layout.key("b")));
        INDArray eTok = layout == Layout.EMBEDDING ? tokenEmbedding(table)
                : Nd4j.eye(w.rows()).castTo(DataType.DOUBLE);
        return constructor.of(eTok, w, rw, b.reshape(1, b.length()), (int) rw.rows());
    }

    /**
     * The parameter table, after checking it holds the recurrent layer's W, RW and b (and a classifier's embedding).
     *
     * @param architecture named in the error, e.g. "LSTM"
     */
    static Map<String, INDArray> requireTable(MultiLayerNetwork net, Layout layout, String architecture) {
        Map<String, INDArray> table = net.paramTable();
        String[] keys = layout == Layout.EMBEDDING
                ? new String[]{EMBEDDING_KEY, layout.key("W"), layout.key("RW"), layout.key("b")}
                : new String[]{layout.key("W"), layout.key("RW"), layout.key("b")};
        for (String key : keys) {
            if (!table.containsKey(key)) {
                throw new IllegalArgumentException("Not a " + layout.name().toLowerCase() + " " + architecture
                        + " network: parameter " + key + " missing (has " + table.keySet() + ")");
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
