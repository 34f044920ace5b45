package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.RunSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SplitEvaluatorTest {

    @Test
    void lossAndAccuracyAreTheMeansOverTheWholeSplitOfTheNetworksOutputs() {
        RunSpec spec = TestSpecs.tiny(42);
        // 300 test reviews: more than one evaluation chunk, the last one partial.
        LabelledSequences test = SyntheticSentimentTask.generate(spec).test();
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);

        SplitMetrics metrics = SplitEvaluator.evaluate(network, test);

        double[] p = network.output(SequenceTensors.features(test.tokens(), SequenceTensors.inOrder(test.size()), 0,
                test.size()), false).toDoubleVector();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int y = test.labels()[i];
            loss -= y == 1 ? Math.log(p[i]) : Math.log(1 - p[i]);
            correct += (p[i] >= 0.5) == (y == 1) ? 1 : 0;
        }
        assertThat(metrics.meanLoss()).isCloseTo(loss / p.length, within(TestSpecs.FLOAT_TOLERANCE));
        assertThat(metrics.accuracy()).isEqualTo(correct / (double) p.length);
    }
}
