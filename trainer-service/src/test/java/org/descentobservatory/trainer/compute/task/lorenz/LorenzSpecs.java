package org.descentobservatory.trainer.compute.task.lorenz;

import org.descentobservatory.schemas.RunSpec;

/** Lorenz-63 specs for the tests. */
final class LorenzSpecs {

    private LorenzSpecs() {
    }

    static RunSpec spec(int hiddenSize, int windowLength, int trainWindows, int testWindows, double learningRate,
                        int epochs, long seed, double samplingStep, String architecture) {
        return new RunSpec(RunSpec.LORENZ63, 64, 1, hiddenSize, windowLength, trainWindows, testWindows, 0.0,
                learningRate, 16, epochs, seed, Math.min(5, testWindows), architecture, RunSpec.PADDING_PRE,
                RunSpec.KERAS_ADAM_EPSILON, null, RunSpec.ADAM, 1, null, null, null, samplingStep);
    }
}
