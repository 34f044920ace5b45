package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.Sha256;
import org.junit.jupiter.api.Test;

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
        assertThat(checkpoint.sha256()).matches("[0-9a-f]{64}").isEqualTo(Sha256.hex(checkpoint.bytes()));
        assertThat(checkpoint.sizeBytes()).isEqualTo(checkpoint.bytes().length);
    }
}
