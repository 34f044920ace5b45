package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Seeded random vanilla-RNN parameters for tests, drawn like {@link RandomLstm}'s: E_tok and W Gaussian with
 * standard deviation {@code inputScale}, b with {@code biasScale}, RW with g/√H. For h' = tanh(h·RW + b) the
 * zero-bias random network turns chaotic as g passes 1 (Sompolinsky, Crisanti &amp; Sommers 1988); a bias moves the
 * transition to larger g.
 */
final class RandomSimpleRnn {

    private RandomSimpleRnn() {
    }

    static SimpleRnnParameters parameters(int v, int e, int h, double inputScale, double biasScale,
                                          double recurrentGain, long seed) {
        Random random = new Random(seed);
        return new SimpleRnnParameters(
                Nd4j.createFromArray(RandomLstm.gaussian(random, v, e, inputScale)),
                Nd4j.createFromArray(RandomLstm.gaussian(random, e, h, inputScale)),
                Nd4j.createFromArray(RandomLstm.gaussian(random, h, h, recurrentGain / Math.sqrt(h))),
                Nd4j.createFromArray(RandomLstm.gaussian(random, 1, h, biasScale)),
                h);
    }
}
