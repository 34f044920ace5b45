package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointCodecTest {

    @Test
    void restoreGivesIdenticalParametersUpdaterStateAndEpoch() {
        RunSpec spec = TestSpecs.tiny(42);
        SentimentData data = SyntheticSentimentTask.generate(spec);
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        new EpochTrainer(spec.batchSize(), spec.seed()).trainEpoch(network, data.train(), 1);

        Checkpoint checkpoint = CheckpointCodec.encode(network);
        MultiLayerNetwork restored = CheckpointCodec.decode(checkpoint.bytes());

        assertThat(restored.params()).isEqualTo(network.params());
        assertThat(restored.paramTable().keySet()).isEqualTo(network.paramTable().keySet());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(network.getUpdater().getStateViewArray());
        assertThat(restored.getEpochCount()).isEqualTo(1);
        assertThat(checkpoint.sha256()).matches("[0-9a-f]{64}").isEqualTo(CheckpointCodec.sha256Hex(checkpoint.bytes()));
        assertThat(checkpoint.sizeBytes()).isEqualTo(checkpoint.bytes().length);
    }

    @Test
    void sha256IsLowercaseHexOfTheStandardDigest() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertThat(CheckpointCodec.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
