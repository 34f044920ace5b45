package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

/**
 * The spec a {@code POST /api/runs} body is merged over: the paper's network (embedding 32 → LSTM 60 → 1, Adam 5e-4,
 * batch 32) on the synthetic sentiment task sized for a 2-core CPU (shared/notes/science.md, "second probe"):
 * <ul>
 *   <li>2,000-token vocabulary, reviews front-padded to 100 tokens (the paper: IMDb, 500 tokens);</li>
 *   <li>800 training reviews with 20 % of their labels flipped, so that after generalising the network memorises the
 *       flipped labels and the test loss rises: the overfitting regime whose later descents the observatory watches.
 *       Measured (2026-11-27, this code): test accuracy 0.82 after epoch 2, 0.92 after epoch 4;</li>
 *   <li>1,000 clean test reviews, the first 200 of them the analyzer's probe set;</li>
 *   <li>300 epochs, a checkpoint (≈ 0.97 MB with Adam's state) after each; seed 42;</li>
 *   <li>the paper's Keras training details: LSTM, front padding, Adam ε = 1e-7 (Keras' default, not DL4J's 1e-8),
 *       no gradient clipping.</li>
 * </ul>
 * It is the preset {@value RunSpecPresets#CPU_SMALL}.
 * An epoch takes about 1.4 s on the 2-core machines with the analyzer beside it (`bin/run --epochs 6`: 1.3–1.4 s per
 * epoch after the first), so the default run of 300 epochs takes about 7 minutes.
 */
public final class DefaultRunSpec {

    public static final RunSpec SPEC = new RunSpec(
            RunSpec.SYNTHETIC_SENTIMENT,
            2000,
            32,
            60,
            100,
            800,
            1000,
            0.2,
            5e-4,
            32,
            300,
            42L,
            200,
            RunSpec.LSTM,
            RunSpec.PADDING_PRE,
            RunSpec.KERAS_ADAM_EPSILON,
            null,
            RunSpec.ADAM,
            1,
            null,
            null,
            null,
            null);

    private DefaultRunSpec() {
    }
}
