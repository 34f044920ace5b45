package org.descentobservatory.trainer.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A network's parameters as a NumPy {@code .npz} archive ({@link NpzWriter}), for researchers working in Python.
 * <p>
 * One array per DL4J parameter, in layer order, with DL4J's shape and values in C order, named
 * {@code <label>_<key>}: the key is DL4J's parameter key ({@code W}, {@code RW}, {@code b}, …) and the label says
 * what the layer is ({@code embedding}, {@code recurrent}, {@code dense}, {@code output}, else the layer class's
 * name), followed by the layer index when several layers share a label. The paper's network gives
 * {@code embedding_W} [V, E], {@code recurrent_W} [E, 4H], {@code recurrent_RW} [H, 4H], {@code recurrent_b} [4H],
 * {@code output_W} [H, 1], {@code output_b} [1]; a SimpleRnn gives {@code recurrent_W} [E, H] and so on. Wrappers
 * such as {@code LastTimeStep} are looked through: their parameters are the wrapped layer's.
 * <p>
 * A {@value #METADATA} entry describes every array (layer index, layer class, DL4J key, shape) and, for LSTM and
 * SimpleRnn layers, the update equation with DL4J's gate order, so the archive explains itself.
 * Cost: O(number of parameters).
 */
public final class CheckpointExport {

    /** The archive's self-description entry. */
    public static final String METADATA = "metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One exported array.
     *
     * @param name      the array's name in the archive
     * @param layer     index of its layer in the network
     * @param layerType class of the layer (the wrapped one for wrappers)
     * @param key       DL4J's parameter key in the layer, e.g. {@code RW}
     * @param values    the parameter itself (a view into the network's parameters)
     */
    public record Parameter(String name, int layer, String layerType, String key, INDArray values) {
    }

    private CheckpointExport() {
    }

    /** Every parameter of {@code network}, in layer order and, within a layer, in DL4J's parameter order. */
    public static List<Parameter> parameters(MultiLayerNetwork network) {
        List<Layer> layers = layers(network);
        List<String> labels = layers.stream().map(CheckpointExport::label).toList();
        Map<String, Long> labelUses = labels.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String label = labelUses.get(labels.get(i)) > 1 ? labels.get(i) + i : labels.get(i);
            for (Map.Entry<String, INDArray> parameter : network.getLayer(i).paramTable().entrySet()) {
                String name = label + "_" + parameter.getKey().replaceAll("[^A-Za-z0-9_]", "_");
                parameters.add(new Parameter(name, i, layer.getClass().getSimpleName(), parameter.getKey(),
                        parameter.getValue()));
            }
        }
        return parameters;
    }

    /**
     * The {@code .npz} archive of {@code network}'s parameters plus {@value #METADATA}.
     *
     * @param runId recorded in the metadata
     * @param epoch recorded in the metadata
     * @throws IllegalArgumentException if a parameter is neither FLOAT nor DOUBLE
     */
    public static byte[] toNpz(MultiLayerNetwork network, String runId, int epoch) {
        List<Parameter> parameters = parameters(network);
        NpzWriter npz = new NpzWriter();
        for (Parameter parameter : parameters) {
            INDArray cOrder = parameter.values().dup('c');
            switch (cOrder.dataType()) {
                case FLOAT -> npz.addArray(parameter.name(), cOrder.shape(), cOrder.data().asFloat());
                case DOUBLE -> npz.addArray(parameter.name(), cOrder.shape(), cOrder.data().asDouble());
                default -> throw new IllegalArgumentException("Parameter " + parameter.name() + " is "
                        + cOrder.dataType() + "; only FLOAT and DOUBLE export to NumPy");
            }
        }
        return npz.addFile(METADATA, metadata(network, runId, epoch, parameters)).finish();
    }

    private static byte[] metadata(MultiLayerNetwork network, String runId, int epoch, List<Parameter> parameters) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("runId", runId);
        about.put("epoch", epoch);
        about.put("source", "Deeplearning4j MultiLayerNetwork checkpoint; arrays in C order, DL4J's shapes");
        about.put("arrays", parameters.stream().map(CheckpointExport::describe).toList());
        Map<Integer, String> equations = new LinkedHashMap<>();
        List<Layer> layers = layers(network);
        for (int i = 0; i < layers.size(); i++) {
            int layer = i;
            equation(layers.get(layer)).ifPresent(equation -> equations.put(layer, equation));
        }
        about.put("equations", equations);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(about);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write the metadata", e);
        }
    }

    /** One array's metadata entry; its dtype was checked by {@link #toNpz}. */
    private static Map<String, Object> describe(Parameter parameter) {
        Map<String, Object> array = new LinkedHashMap<>();
        array.put("name", parameter.name());
        array.put("layer", parameter.layer());
        array.put("layerType", parameter.layerType());
        array.put("dl4jKey", parameter.key());
        array.put("shape", parameter.values().shape());
        array.put("dtype", parameter.values().dataType() == DataType.DOUBLE ? "float64" : "float32");
        return array;
    }

    /** The update of a recurrent layer whose parameter layout is known, with its actual activations. */
    private static Optional<String> equation(Layer layer) {
        if (layer instanceof LSTM lstm) {
            return Optional.of("z = x·W + h·RW + b; column blocks of width H in order (g, f, o, i): [0,H) g = "
                    + lstm.getActivationFn() + "(z), [H,2H) f, [2H,3H) o, [3H,4H) i = "
                    + lstm.getGateActivationFn() + "(z); c' = f*c + i*g; h' = o*"
                    + lstm.getActivationFn() + "(c'); no peepholes");
        }
        if (layer instanceof SimpleRnn rnn) {
            return Optional.of("h' = " + rnn.getActivationFn() + "(x·W + h·RW + b)");
        }
        return Optional.empty();
    }

    /** What the layer is, as a Python identifier. */
    private static String label(Layer layer) {
        if (layer instanceof EmbeddingSequenceLayer || layer instanceof EmbeddingLayer) {
            return "embedding";
        }
        if (layer instanceof BaseRecurrentLayer) {
            return "recurrent";
        }
        if (layer instanceof BaseOutputLayer) {
            return "output";
        }
        if (layer instanceof DenseLayer) {
            return "dense";
        }
        return layer.getClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** The network's layer configurations, wrappers looked through. */
    private static List<Layer> layers(MultiLayerNetwork network) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            layers.add(unwrap(network.getLayerWiseConfigurations().getConf(i).getLayer()));
        }
        return layers;
    }

    private static Layer unwrap(Layer layer) {
        return layer instanceof BaseWrapperLayer wrapper ? unwrap(wrapper.getUnderlying()) : layer;
    }
}
