package org.descentobservatory.analyzer.compute;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.analyzer.compute.lyapunov.MapWithJacobian;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters θ = (E_tok, W, RW, b) of an embedding + recurrent network whose pre-activation is
 * z = x·W + h·RW + b (Deeplearning4j's row-vector convention), with z of width gates·H: 4H for the LSTM
 * ({@link LstmParameters}), H for the vanilla RNN ({@link SimpleRnnParameters}). All arrays DOUBLE.
 */
public interface RecurrentParameters {

    /** Token embedding E_tok, [V, E]: row t is the input vector x of token t. */
    INDArray eTok();

    /** Input weights W, [E, gates·H]. */
    INDArray w();

    /** Recurrent weights RW, [H, gates·H]. */
    INDArray rw();

    /** Bias b, [1, gates·H]. */
    INDArray b();

    /** H, the number of hidden units. */
    int hiddenSize();

    /** V, the vocabulary size. */
    default int vocabularySize() {
        return (int) eTok().rows();
    }

    /** E, the embedding width. */
    default int embeddingSize() {
        return (int) eTok().columns();
    }

    /** The double-precision cell that runs θ. Cost: the token-drive table, one V×E by E×(gates·H) gemm. */
    RecurrentCell<?> cell();

    /**
     * The zero-input map F of θ with its analytic Jacobian, on the coordinates of
     * {@link RecurrentState#stateVectors()}, for the Lyapunov exponents. Cost: a copy of RW and b.
     */
    MapWithJacobian zeroInputMap();

    /**
     * The same cell with RW and b replaced (E_tok and W kept). Preconditions: shapes as RW and b. Cost: O(1).
     */
    RecurrentParameters withRecurrence(INDArray recurrentWeights, INDArray bias);

    /**
     * The closed-loop (autonomous) map of a forecaster whose output y = h·W_out + b_out is fed back as its next
     * input: z = x·W + h·RW + b with x = h·W_out + b_out is z = h·(RW + W_out·W) + (b + b_out·W), i.e. the zero-input
     * map of the cell with RW' = RW + W_out·W and b' = b + b_out·W. So the closed-loop dynamics, its Jacobian
     * (the feedback path W_out·W included) and its asymptotic distance reuse the zero-input code unchanged.
     * Preconditions: W_out [H, D], b_out [1, D] DOUBLE, D = the input width. Cost: one H×D by D×(gates·H) gemm.
     *
     * @param outputWeights W_out of the identity RnnOutputLayer, [H, D]
     * @param outputBias    b_out, [1, D]
     */
    default RecurrentParameters closedLoop(INDArray outputWeights, INDArray outputBias) {
        NetworkParameters.requireShape("W_out", outputWeights, hiddenSize(), w().rows());
        NetworkParameters.requireShape("b_out", outputBias, 1, w().rows());
        return withRecurrence(rw().add(outputWeights.mmul(w())), b().add(outputBias.mmul(w())));
    }

    /**
     * θ of an embedding + {@link LSTM} network ({@link LstmParameters}) or an embedding + {@link SimpleRnn} one
     * ({@link SimpleRnnParameters}), layer 1 bare or inside a {@code LastTimeStep}, chosen by the type of layer 1.
     * Cost: one copy of the parameters.
     *
     * @throws IllegalArgumentException if layer 1 is neither, or its parameters do not fit, naming the problem
     */
    static RecurrentParameters from(MultiLayerNetwork net) {
        Layer layer = NetworkParameters.recurrentLayer(net);
        if (layer instanceof LSTM) {
            return LstmParameters.from(net);
        }
        if (layer instanceof SimpleRnn) {
            return SimpleRnnParameters.from(net);
        }
        throw new IllegalArgumentException("The recurrent layer must be an LSTM or a SimpleRnn, is "
                + layer.getClass().getSimpleName());
    }

    /**
     * Checks the shapes of θ for a cell with {@code gates} blocks of H. Preconditions: all arrays
     * {@link DataType#DOUBLE}, H ≥ 1, eTok [V, E], W [E, gates·H], RW [H, gates·H], b [1, gates·H]. Cost: O(1).
     *
     * @throws IllegalArgumentException naming the offending array
     */
    static void requireShapes(INDArray eTok, INDArray w, INDArray rw, INDArray b, int hiddenSize, int gates) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("H must be at least 1, got " + hiddenSize);
        }
        long width = (long) gates * hiddenSize;
        NetworkParameters.requireShape("E_tok", eTok, eTok.rows(), eTok.columns());
        NetworkParameters.requireShape("W", w, eTok.columns(), width);
        NetworkParameters.requireShape("RW", rw, hiddenSize, width);
        NetworkParameters.requireShape("b", b, 1, width);
    }
}
