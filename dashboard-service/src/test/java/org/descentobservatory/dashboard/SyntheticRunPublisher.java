package org.descentobservatory.dashboard;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.schemas.kafka.EventSerializer;

import java.util.Map;

/**
 * Publishes a {@link SyntheticRun} to a broker, for the scale benchmark (docs/dashboard.md) and for looking at the
 * page by hand: {@code java -cp <test classpath> org.descentobservatory.dashboard.SyntheticRunPublisher
 * <bootstrap> <runId> <fromEpoch> <toEpoch> <plannedEpochs> <probes>}.
 */
public final class SyntheticRunPublisher {

    private SyntheticRunPublisher() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String runId = args[1];
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        SyntheticRun run = new SyntheticRun(runId, Integer.parseInt(args[4]), Integer.parseInt(args[5]), 7);
        try (KafkaProducer<String, ObservatoryEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), new StringSerializer(), new EventSerializer())) {
            if (from == 1) {
                producer.send(new ProducerRecord<>(Topics.RUNS_STARTED, runId, run.started()));
            }
            for (int epoch = from; epoch <= to; epoch++) {
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, run.checkpoint(epoch)));
                producer.send(new ProducerRecord<>(Topics.ANALYSES, runId, run.analysis(epoch)));
            }
        }
        System.out.println("published epochs " + from + ".." + to + " of " + runId);
    }
}
