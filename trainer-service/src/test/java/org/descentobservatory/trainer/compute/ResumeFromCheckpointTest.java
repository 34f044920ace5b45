package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crash-safe resuming rests on: a network restored from the checkpoint of epoch k and trained on gives, epoch
 * for epoch, bit for bit the losses, minibatch statistics and weights of the network that was never interrupted.
 * Holds because the checkpoint carries the weights, Adam's moments and its step count, and the data order of an
 * epoch is a function of (seed, epoch) only; the network has no dropout or other training-time randomness.
 */
class ResumeFromCheckpointTest {

    private static final int EPOCHS = 4;
    private static final int CRASH_AFTER = 2;

    @Test
    void resumingFromACheckpointRepeatsTheUninterruptedRunExactly() {
        RunSpec spec = NetworkSpecs.tiny(5);
        SentimentData data = SyntheticSentimentTask.generate(spec);
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed());

        MultiLayerNetwork uninterrupted = SentimentNetworkFactory.create(spec);
        List<String> expected = new ArrayList<>();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            expected.add(epochRecord(trainer, uninterrupted, data, epoch));
        }

        MultiLayerNetwork beforeCrash = SentimentNetworkFactory.create(spec);
        List<String> actual = new ArrayList<>();
        for (int epoch = 1; epoch <= CRASH_AFTER; epoch++) {
            actual.add(epochRecord(trainer, beforeCrash, data, epoch));
        }
        byte[] checkpoint = CheckpointCodec.encode(beforeCrash).bytes();
        MultiLayerNetwork resumed = CheckpointCodec.decode(checkpoint);
        EpochTrainer restartedTrainer = new EpochTrainer(spec.batchSize(), spec.seed());
        for (int epoch = CRASH_AFTER + 1; epoch <= EPOCHS; epoch++) {
            actual.add(epochRecord(restartedTrainer, resumed, data, epoch));
        }

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(resumed.params()).isEqualTo(uninterrupted.params());
        assertThat(resumed.getUpdater().getStateViewArray())
                .isEqualTo(uninterrupted.getUpdater().getStateViewArray());
        assertThat(CheckpointCodec.encode(resumed).sha256()).isEqualTo(CheckpointCodec.encode(uninterrupted).sha256());
    }

    /** Everything an epoch's checkpoint event reports but the wall time, with doubles written exactly (hex). */
    private static String epochRecord(EpochTrainer trainer, MultiLayerNetwork network, SentimentData data, int epoch) {
        EpochStatistics batches = trainer.trainEpoch(network, data.train(), epoch);
        SplitMetrics train = SplitEvaluator.evaluate(network, data.train());
        SplitMetrics test = SplitEvaluator.evaluate(network, data.test());
        return epoch + " " + Double.toHexString(train.meanLoss()) + " " + Double.toHexString(test.meanLoss())
                + " " + Double.toHexString(test.accuracy()) + " " + Double.toHexString(batches.meanBatchLoss())
                + " " + Double.toHexString(batches.maxBatchLoss()) + " " + Double.toHexString(batches.meanGradientNorm())
                + " " + Double.toHexString(batches.maxGradientNorm()) + " " + WeightNorms.of(network);
    }
}
