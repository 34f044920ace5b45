package org.descentobservatory.networks;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the sequence-to-sequence forecasting network of the {@value RunSpec#LORENZ63} task. Its layout is a contract
 * with the analyzer, which runs it closed-loop (each output fed back as the next input, in standardised units):
 * <pre>
 * layer 0  LSTM D → H, tanh, no peephole              params 0_W [D, 4H], 0_RW [H, 4H], 0_b [4H]
 *      or  SimpleRnn D → H, tanh, no layer norm       params 0_W [D, H], 0_RW [H, H], 0_b [H]
 * layer 1  RnnOutputLayer H → D, identity, MSE        params 1_W [H, D], 1_b [D]
 * </pre>
 * with D = {@value #DIMENSION} (the state x, y, z), chosen by {@code spec.architecture()}, trained as
 * {@link SentimentNetworkFactory#baseConfiguration} says (seed, FLOAT, optimizer, clipping). Inputs and outputs are
 * [batch, D, steps] (Deeplearning4j's NCW): at every step t the output is the forecast of the state at t + 1.
 */
public final class ForecastNetworkFactory {

    /** Components of the state: x, y, z. */
    public static final int DIMENSION = 3;
    /** Index of the recurrent layer, whose parameters are {@code 0_W}, {@code 0_RW}, {@code 0_b}. */
    public static final int RECURRENT_LAYER = 0;

    private ForecastNetworkFactory() {
    }

    /** A fresh, initialised network for {@code spec}. Cost: O(D·H + H²) for the weights. */
    public static MultiLayerNetwork create(RunSpec spec) {
        MultiLayerConfiguration configuration = SentimentNetworkFactory.baseConfiguration(spec)
                .list()
                .layer(SentimentNetworkFactory.recurrentLayer(spec, DIMENSION))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(spec.hiddenSize()).nOut(DIMENSION)
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
