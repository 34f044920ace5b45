package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SplitEvaluatorTest {

    @Test
    void lossAccuracyAndWrongLossAreMeansOverTheWholeSplitOfTheNetworksOutputs() {
        RunSpec spec = NetworkSpecs.tiny(42);
        // 300 test reviews: more than one evaluation chunk, the last one partial.
        LabelledSequences test = SyntheticSentimentTask.generate(spec).test();
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);

        SplitMetrics metrics = SplitEvaluator.evaluate(network, test);

        double[] p = network.output(SequenceTensors.features(test.tokens(), SequenceTensors.inOrder(test.size()), 0,
                test.size()), false).toDoubleVector();
        double loss = 0;
        double wrongLoss = 0;
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int y = test.labels()[i];
            double reviewLoss = y == 1 ? -Math.log(p[i]) : -Math.log(1 - p[i]);
            loss += reviewLoss;
            if ((p[i] >= 0.5) == (y == 1)) {
                correct++;
            } else {
                wrongLoss += reviewLoss;
            }
        }
        assertThat(metrics.meanLoss()).isCloseTo(loss / p.length, within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(metrics.accuracy()).isEqualTo(correct / (double) p.length);
        assertThat(correct).as("an untrained network gets some reviews wrong").isLessThan(p.length);
        assertThat(metrics.wrongLoss()).isCloseTo(wrongLoss / (p.length - correct), within(TestSpecs.FLOAT_TOLERANCE));
        // A wrong review has p on the wrong side of 0.5, so its loss is at least ln 2, at least any right review's.
        assertThat(metrics.wrongLoss()).isGreaterThanOrEqualTo(Math.log(2)).isGreaterThanOrEqualTo(metrics.meanLoss());
    }
}
