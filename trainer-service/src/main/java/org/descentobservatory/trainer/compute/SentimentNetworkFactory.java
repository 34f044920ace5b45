package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.descentobservatory.schemas.RunSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the paper's sentiment network (Wei et al., arXiv:2505.20030, Table I):
 * <pre>
 * layer 0  EmbeddingSequenceLayer V → E, no bias      params 0_W [V, E]
 * layer 1  LastTimeStep(LSTM E → H, tanh, no peephole) params 1_W [E, 4H], 1_RW [H, 4H], 1_b [4H]
 * layer 2  OutputLayer H → 1, sigmoid, binary cross-entropy (XENT)
 * </pre>
 * trained by Adam. {@code LastTimeStep} hands only the LSTM's last hidden state h_{L−1} to the output layer, and
 * keeps the plain {@code LSTM} parameter layout the analyzer reads. Inputs are [batch, L] token indices (no masks: the
 * LSTM runs over the front padding). Weights are Xavier-initialised from {@code spec.seed()}; FLOAT throughout.
 */
public final class SentimentNetworkFactory {

    /** Index of the LSTM layer, whose parameters are {@code 1_W}, {@code 1_RW}, {@code 1_b}. */
    public static final int LSTM_LAYER = 1;

    private SentimentNetworkFactory() {
    }

    /** A fresh, initialised network for {@code spec}. Cost: O(V·E + E·H + H²) for the weights. */
    public static MultiLayerNetwork create(RunSpec spec) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(spec.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder()
                        .nIn(spec.vocabularySize()).nOut(spec.embeddingSize())
                        .inputLength(spec.sequenceLength()).hasBias(false)
                        .build())
                .layer(new LastTimeStep(new LSTM.Builder()
                        .nIn(spec.embeddingSize()).nOut(spec.hiddenSize())
                        .activation(Activation.TANH)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(spec.hiddenSize()).nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
