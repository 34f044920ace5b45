package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

/**
 * A Lorenz-63 forecaster that learns in minutes on a 2-core CPU, the preset {@value RunSpecPresets#LORENZ_SMALL}:
 * the trajectory sampled every dt = 0.01 (RK4 at that step), windows of 50 steps (half a time unit), 400 training
 * and 100 test windows, an LSTM of 32 units, Adam lr 1e-3 (Keras' ε), batch 16, 300 epochs, a checkpoint after
 * every epoch, 50 test windows as probes. The sentiment fields (vocabulary, embedding, label noise, padding) are
 * unused.
 */
public final class LorenzSmallRunSpec {

    public static final RunSpec SPEC = new RunSpec(
            RunSpec.LORENZ63,
            64,
            1,
            32,
            50,
            400,
            100,
            0.0,
            1e-3,
            16,
            300,
            42L,
            50,
            RunSpec.LSTM,
            RunSpec.PADDING_PRE,
            RunSpec.KERAS_ADAM_EPSILON,
            null,
            RunSpec.ADAM,
            1,
            null,
            null,
            null,
            0.01);

    private LorenzSmallRunSpec() {
    }
}
