package org.descentobservatory.trainer.compute;

/** Tolerances shared by the compute tests (their small specs: {@code NetworkSpecs} of module networks). */
final class TestSpecs {

    /** Float32 arithmetic against double hand computations. */
    static final double FLOAT_TOLERANCE = 1e-6;
    /** Double arithmetic against hand computations. */
    static final double DOUBLE_TOLERANCE = 1e-12;

    private TestSpecs() {
    }
}
