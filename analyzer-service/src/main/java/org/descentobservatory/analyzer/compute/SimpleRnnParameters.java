package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters θ of the embedding + vanilla RNN ({@link SimpleRnn}) variant of the observatory's network, in
 * double precision, in Deeplearning4j's row-vector convention: {@code h' = tanh(x·W + h·RW + b)}.
 *
 * <p>Method: as {@link LstmParameters}, from the same keys {@code 0_W} (and {@code 0_b}), {@code 1_W},
 * {@code 1_RW}, {@code 1_b}, via {@link NetworkParameters}. Deeplearning4j 1.0.0-M2.1's {@code SimpleRnn} stores
 * W [E, H], RW [H, H], b [H], plus the gains {@code gx}, {@code gr} only when layer normalisation is on (it is off by
 * default; a network with it is refused, since the cell does not model it).
 *
 * @param eTok       token embedding E_tok, [V, E]: row t is the input vector x of token t
 * @param w          input weights W, [E, H]
 * @param rw         recurrent weights RW, [H, H]
 * @param b          bias b, [1, H]
 * @param hiddenSize H, the number of units
 */
public record SimpleRnnParameters(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize)
        implements RecurrentParameters {

    /** A single block: z is the pre-activation of h itself. */
    public static final int GATES = 1;

    /** Checks shapes and precision by {@link RecurrentParameters#requireShapes}: W, RW and b of width H. */
    public SimpleRnnParameters {
        RecurrentParameters.requireShapes(eTok, w, rw, b, hiddenSize, GATES);
    }

    /** A new {@link SimpleRnnCell} of θ. */
    @Override
    public SimpleRnnCell cell() {
        return new SimpleRnnCell(this);
    }

    /** A new {@link SimpleRnnJacobian} of θ (per thread: it holds scratch arrays). */
    @Override
    public SimpleRnnJacobian zeroInputMap() {
        return new SimpleRnnJacobian(this);
    }

    @Override
    public SimpleRnnParameters withRecurrence(INDArray recurrentWeights, INDArray bias) {
        return new SimpleRnnParameters(eTok, w, recurrentWeights, bias, hiddenSize);
    }

    /**
     * Extracts θ from a trained network. Preconditions: layer 0 is an embedding layer with parameter {@code 0_W},
     * layer 1 a {@link SimpleRnn} with tanh activation and no layer normalisation, bare or in a
     * {@link LastTimeStep}. Cost: one copy of the V·E + (E + H + 1)·H parameters.
     *
     * @throws IllegalArgumentException if the network is not of that architecture, naming what is missing
     */
    public static SimpleRnnParameters from(MultiLayerNetwork net) {
        requireTanhSimpleRnn(net);
        return NetworkParameters.extract(net, "SimpleRnn", SimpleRnnParameters::new);
    }

    private static void requireTanhSimpleRnn(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.layers.Layer conf = NetworkParameters.recurrentLayer(net);
        if (!(conf instanceof SimpleRnn rnn)) {
            throw new IllegalArgumentException("The recurrent layer must be a SimpleRnn, is "
                    + conf.getClass().getSimpleName());
        }
        if (!(rnn.getActivationFn() instanceof ActivationTanH)) {
            throw new IllegalArgumentException("SimpleRnn must use tanh activation, has " + rnn.getActivationFn());
        }
        if (rnn.hasLayerNorm()) {
            throw new IllegalArgumentException("SimpleRnn with layer normalisation is not supported");
        }
    }
}
