package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

/**
 * The paper's experiment as published (Wei et al., arXiv:2505.20030, Table I; shared/notes/science.md), the preset
 * {@value RunSpecPresets#PAPER_IMDB}:
 * <ul>
 *   <li>IMDb: the 50,000 labelled reviews of aclImdb pooled and split 70/30 with the seed (35,000 train, 15,000
 *       test), no label noise, each review front-padded or front-truncated to 500 tokens (Keras' defaults);</li>
 *   <li>embedding 32 → LSTM 60 → dense 1 with sigmoid, binary cross-entropy, Adam lr 5e-4 (Keras' ε = 1e-7), batch
 *       32, no clipping, 10,000 epochs with a checkpoint after every one;</li>
 *   <li>vocabulary 5,000 (padding, out-of-vocabulary and the 4,998 most frequent words of the training reviews). The
 *       paper does not state its size; 5,000 words is what the classic Keras IMDb LSTM example with the same
 *       embedding width 32 and 500-token reviews keeps ({@code top_words = 5000}), and it keeps the embedding
 *       (160,000 weights) in proportion to the 22,800 of the LSTM;</li>
 *   <li>500 probes, the paper's count;</li>
 *   <li>the data at {@code aclImdb_v1.tar.gz} in the trainer's data folder (give {@code datasetSource} to use another
 *       path, the unpacked {@code aclImdb} folder, or an http(s) URL with its {@code datasetSha256}).</li>
 * </ul>
 * On the 2-core machines an epoch takes about 15 minutes with DL4J's stock LSTM (science.md), so this is a run for a
 * long-lived trainer, not a test.
 */
public final class PaperImdbRunSpec {

    /** The archive's name as the Stanford site distributes it, looked up in the data folder. */
    public static final String ARCHIVE = "aclImdb_v1.tar.gz";

    public static final RunSpec SPEC = new RunSpec(
            RunSpec.IMDB,
            5000,
            32,
            60,
            500,
            35_000,
            15_000,
            0.0,
            5e-4,
            32,
            10_000,
            42L,
            500,
            RunSpec.LSTM,
            RunSpec.PADDING_PRE,
            RunSpec.KERAS_ADAM_EPSILON,
            null,
            RunSpec.ADAM,
            1,
            0.7,
            ARCHIVE,
            null,
            null);

    private PaperImdbRunSpec() {
    }
}
