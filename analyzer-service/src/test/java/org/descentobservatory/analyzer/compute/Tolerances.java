package org.descentobservatory.analyzer.compute;

/** The numerical tolerances of the analyzer's tests, each with its reason. */
final class Tolerances {

    /**
     * LstmCell against DL4J's own {@code rnnTimeStep}, both in double precision: the only differences are the
     * summation order inside the gemm and the transcendental-function implementations (~1e-16 relative per
     * operation), carried along a non-chaotic trajectory of ~100 steps. Far tighter than float32 resolution
     * (~1e-7), so a gate-order or formula error (differences of order 1e-1) cannot pass.
     */
    static final double LSTM_MATCH = 1e-10;

    /**
     * SimpleRnnCell against DL4J's {@code rnnTimeStep}, both in double precision: as {@link #LSTM_MATCH}, with fewer
     * operations per step (one gemm, one tanh), so the same bound; a missing bias or a transposed RW is off by ~1e-1.
     */
    static final double SIMPLE_RNN_MATCH = 1e-10;

    /**
     * log D_i at the floor: log(0 + e^floorLog) differs from floorLog only by the rounding of exp and log; a
     * surviving distance d shifts it by d / e^floorLog, so 1e-12 admits only d &lt; ~3e-19.
     */
    static final double AT_FLOOR = 1e-12;

    private Tolerances() {
    }
}
