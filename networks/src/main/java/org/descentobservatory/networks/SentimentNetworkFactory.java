package org.descentobservatory.networks;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.descentobservatory.schemas.RunSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the paper's sentiment network (Wei et al., arXiv:2505.20030, Table I), or its vanilla-RNN variant:
 * <pre>
 * layer 0  EmbeddingSequenceLayer V → E, no bias           params 0_W [V, E]
 * layer 1  LastTimeStep(LSTM E → H, tanh, no peephole)     params 1_W [E, 4H], 1_RW [H, 4H], 1_b [4H]
 *      or  LastTimeStep(SimpleRnn E → H, tanh, no layer norm) params 1_W [E, H], 1_RW [H, H], 1_b [H]
 * layer 2  OutputLayer H → 1, sigmoid, binary cross-entropy (XENT)
 * </pre>
 * chosen by {@code spec.architecture()}, trained by {@code spec.optimizer()} ({@link Optimizers}; the paper's: Adam with
 * the Keras defaults, ε included), with each parameter's gradient clipped to L2 norm
 * {@code spec.gradientClipping()} when that is set ({@link GradientNormalization#ClipL2PerParamType}: every W, RW and
 * b separately, as Keras' {@code clipnorm} clips each variable). {@code LastTimeStep} hands only the last hidden
 * state h_{L−1} to the output layer, and keeps the plain recurrent layer's parameter layout the analyzer reads.
 * Inputs are [batch, L] token indices (no masks: the recurrent layer runs over the padding). Weights are
 * Xavier-initialised from {@code spec.seed()}; FLOAT throughout.
 */
public final class SentimentNetworkFactory {

    /** Index of the recurrent layer, whose parameters are {@code 1_W}, {@code 1_RW}, {@code 1_b}. */
    public static final int RECURRENT_LAYER = 1;

    private SentimentNetworkFactory() {
    }

    /** A fresh, initialised network for {@code spec}. Cost: O(V·E + E·H + H²) for the weights. */
    public static MultiLayerNetwork create(RunSpec spec) {
        MultiLayerConfiguration configuration = baseConfiguration(spec)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder()
                        .nIn(spec.vocabularySize()).nOut(spec.embeddingSize())
                        .inputLength(spec.sequenceLength()).hasBias(false)
                        .build())
                .layer(new LastTimeStep(recurrentLayer(spec, spec.embeddingSize())))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(spec.hiddenSize()).nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /**
     * What every network of a spec shares: the seed, FLOAT, Xavier initialisation, the optimizer and the optional
     * per-parameter gradient clipping.
     */
    static NeuralNetConfiguration.Builder baseConfiguration(RunSpec spec) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(Optimizers.of(spec))
                .weightInit(WeightInit.XAVIER);
        if (spec.gradientClipping() != null) {
            builder.gradientNormalization(GradientNormalization.ClipL2PerParamType)
                    .gradientNormalizationThreshold(spec.gradientClipping());
        }
        return builder;
    }

    /** The LSTM or the SimpleRnn nIn → H with tanh, as {@code spec.architecture()} says. */
    static BaseRecurrentLayer recurrentLayer(RunSpec spec, int nIn) {
        return switch (spec.architecture()) {
            case RunSpec.LSTM -> new LSTM.Builder()
                    .nIn(nIn).nOut(spec.hiddenSize())
                    .activation(Activation.TANH)
                    .build();
            case RunSpec.SIMPLE_RNN -> new SimpleRnn.Builder()
                    .nIn(nIn).nOut(spec.hiddenSize())
                    .activation(Activation.TANH)
                    .hasLayerNorm(false)
                    .build();
            default -> throw new IllegalArgumentException("Unknown architecture '" + spec.architecture()
                    + "'; expected " + RunSpec.LSTM + " or " + RunSpec.SIMPLE_RNN);
        };
    }
}
