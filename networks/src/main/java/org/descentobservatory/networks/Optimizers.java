package org.descentobservatory.networks;

import org.descentobservatory.schemas.RunSpec;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizer a spec names, with the Keras defaults the paper's setup used where Deeplearning4j's differ:
 * <ul>
 *   <li>{@value RunSpec#ADAM}: β₁ = 0.9, β₂ = 0.999 and the spec's {@code adamEpsilon} (Keras: 1e-7; DL4J: 1e-8);</li>
 *   <li>{@value RunSpec#RMSPROP}: decay ρ = {@value #RMSPROP_RHO} and ε = {@value #RMSPROP_EPSILON} (Keras'
 *       {@code RMSprop}; DL4J's defaults are 0.95 and 1e-8);</li>
 *   <li>{@value RunSpec#SGD}: plain gradient descent, no momentum (Keras' {@code SGD} default).</li>
 * </ul>
 * All at the spec's learning rate, constant over the run.
 */
public final class Optimizers {

    /** Adam's β₁ and β₂: the Keras (and DL4J) defaults. */
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    /** RMSProp's decay ρ and ε in Keras. */
    static final double RMSPROP_RHO = 0.9;
    static final double RMSPROP_EPSILON = 1e-7;

    private Optimizers() {
    }

    public static IUpdater of(RunSpec spec) {
        return switch (spec.optimizer()) {
            case RunSpec.ADAM -> new Adam(spec.learningRate(), ADAM_BETA1, ADAM_BETA2, spec.adamEpsilon());
            case RunSpec.RMSPROP -> new RmsProp(spec.learningRate(), RMSPROP_RHO, RMSPROP_EPSILON);
            case RunSpec.SGD -> new Sgd(spec.learningRate());
            default -> throw new IllegalArgumentException("Unknown optimizer '" + spec.optimizer() + "'; expected "
                    + RunSpec.ADAM + ", " + RunSpec.SGD + " or " + RunSpec.RMSPROP);
        };
    }
}
