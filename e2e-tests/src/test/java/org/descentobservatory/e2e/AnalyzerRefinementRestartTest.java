package org.descentobservatory.e2e;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.ObservatoryService;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive refinement survives a SIGKILL of the analyzer in the middle of a bisection, on the real broker and store
 * and the packaged analyzer. A run of 16 checkpoints whose networks are in order up to epoch 11 and at the edge of
 * chaos from epoch 12 (built so: see {@link #network}) is analysed with refinement stride 8: epochs 1, 8 and 16 on
 * arrival, then the bisection of [8, 16]: 12, 10, 11. The analyzer is killed once 12 is published, and started again
 * in the same group: the transition after epoch 11 is still located (11 order, 12 edge, both analysed) and no epoch
 * is analysed twice: the analyses topic holds exactly 1, 8, 10, 11, 12, 16, once each.
 */
class AnalyzerRefinementRestartTest {

    private static final int EPOCHS = 16;
    private static final int STRIDE = 8;
    private static final int LAST_ORDERED = 11;
    private static final List<Integer> EXPECTED = List.of(1, 8, 10, 11, 12, 16);
    /** The trainer's network in miniature (module networks), float32 as the trainer stores it. */
    private static final RunSpec SPEC = NetworkSpecs.tiny(5);
    private static final int H = SPEC.hiddenSize();
    private static final int PROBES = 16;
    /** Bounds each wait; generous because on a shared 2-core machine one slow analysis took minutes. */
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    /** How long the topic is watched after the last expected analysis, for a duplicate. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * Refinement; a slower analysis (T = 8000 zero-input steps, as in AnalyzerKillTest: seconds per checkpoint
     * against the milliseconds of publishing them) so that the kill lands mid-bisection; a 10 s session, so that the
     * group gives the killed analyzer's partitions to the restarted one after 10 s rather than 45.
     */
    private static final Map<String, String> ANALYZER = Map.of(
            "observatory.analysis.refinement-stride", Integer.toString(STRIDE),
            "observatory.analysis.total-steps", "8000",
            "observatory.analysis.lyapunov-steps", "2000",
            "mp.messaging.incoming.checkpoints.session.timeout.ms", "10000");

    @Test
    void aKillDashNineMidBisectionLosesNoRefinementAndAnalysesNothingTwice() throws Exception {
        Path workDir = WorkDirs.fresh("e2e-refinement");
        String runId = "refine-" + Long.toHexString(System.nanoTime());
        ServiceProcess first = null;
        ServiceProcess restarted = null;
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(workDir);
             RunAnalyses analyses = new RunAnalyses(infrastructure.kafkaBootstrapServers(), runId)) {
            storeAndPublishRun(infrastructure, runId);
            first = launchAnalyzer(infrastructure, workDir, "analyzer-first");

            // Kill once the bisection's first analysis (12) is out: 10 is then under way.
            await().atMost(DEADLINE).until(() -> analyses.pollEpochs().contains(12));
            first.kill();
            assertThat(analyses.pollEpochs()).as("the kill came mid-bisection").doesNotContain(11);

            restarted = launchAnalyzer(infrastructure, workDir, "analyzer-restarted");
            await().atMost(DEADLINE).until(() -> analyses.pollEpochs().containsAll(EXPECTED));
            Instant settled = Instant.now().plus(SETTLE);
            while (Instant.now().isBefore(settled)) {
                analyses.poll();
            }

            assertThat(analyses.pollEpochs()).as("every analysis published").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(EXPECTED);
            Map<Integer, String> phases = new TreeMap<>();
            analyses.poll().forEach(analysis -> phases.put(analysis.epoch(), analysis.phase()));
            assertThat(phases).containsEntry(LAST_ORDERED, AnalysisEvent.PHASE_ORDER)
                    .containsEntry(LAST_ORDERED + 1, AnalysisEvent.PHASE_EDGE);
            phases.forEach((epoch, phase) -> assertThat(phase).as("epoch %d", epoch)
                    .isEqualTo(epoch <= LAST_ORDERED ? AnalysisEvent.PHASE_ORDER : AnalysisEvent.PHASE_EDGE));
        } finally {
            for (ServiceProcess analyzer : new ServiceProcess[]{first, restarted}) {
                if (analyzer != null) {
                    analyzer.close();
                }
            }
        }
    }

    /**
     * Stores what the trainer stores (probe set; per epoch the checkpoint zip and its event) and publishes the
     * checkpoint events in epoch order.
     */
    private static void storeAndPublishRun(LocalInfrastructure infrastructure, String runId) throws Exception {
        byte[] ordered = zip(network(false));
        byte[] edge = zip(network(true));
        try (ObjectStore store = new ObjectStore(settings(infrastructure));
             KafkaProducer<String, byte[]> producer = producer(infrastructure)) {
            store.put(ObjectKeys.probeSet(runId), JsonContracts.write(ProbeSet.of(runId, tokens())),
                    "application/json");
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                byte[] checkpoint = epoch <= LAST_ORDERED ? ordered : edge;
                store.put(ObjectKeys.checkpoint(runId, epoch), checkpoint, "application/zip");
                CheckpointEvent event = CheckpointEvent.of(runId, epoch, 0.5, 0.6, 0.7, 0.9, 0.5, 0.8, 0.2, 0.4,
                        Map.of("1_RW", 0.0), ObjectKeys.checkpoint(runId, epoch), Sha256.hex(checkpoint),
                        checkpoint.length, 1000, Instant.now());
                byte[] json = JsonContracts.write(event);
                store.put(ObjectKeys.checkpointEvent(runId, epoch), json, "application/json");
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, json)).get();
            }
        }
    }

    /**
     * The trainer's network (embedding → LSTM → dense sigmoid, float32, built by its own factory) with no recurrent
     * weights, so that its zero-input map is a constant in h and, in c, c′ = f∘c + i∘g with constant gates. With the
     * forget gate shut (bias −30, f ≈ 1e−13) the map contracts at once: order. With the forget gate open and the input
     * gate shut (biases +30 and −30) c′ = c: λ₁ = 0, marginal, which the phase rule labels edge. Bias blocks in DL4J's
     * order (g, f, o, i), docs/architecture.md.
     */
    private static MultiLayerNetwork network(boolean marginal) {
        MultiLayerNetwork net = SentimentNetworkFactory.create(SPEC);
        net.setParam("1_RW", Nd4j.zeros(DataType.FLOAT, H, 4L * H));
        float[] bias = new float[4 * H];
        for (int j = 0; j < H; j++) {
            bias[H + j] = marginal ? 30f : -30f;        // forget gate
            bias[3 * H + j] = marginal ? -30f : 0f;      // input gate
        }
        net.setParam("1_b", Nd4j.createFromArray(bias).reshape(1, 4L * H));
        return net;
    }

    private static byte[] zip(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return out.toByteArray();
    }

    private static int[][] tokens() {
        Random random = new Random(17);
        int[][] tokens = new int[PROBES][SPEC.sequenceLength()];
        for (int[] probe : tokens) {
            for (int t = 0; t < probe.length; t++) {
                probe[t] = random.nextInt(SPEC.vocabularySize());
            }
        }
        return tokens;
    }

    private static ServiceProcess launchAnalyzer(LocalInfrastructure infrastructure, Path workDir, String name) {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.putAll(ANALYZER);
        ServiceProcess analyzer = ServiceProcess.launch(ProjectLayout.locate(), ObservatoryService.ANALYZER, name,
                workDir, 0, config);
        analyzer.awaitReady();
        return analyzer;
    }

    private static StoreSettings settings(LocalInfrastructure infrastructure) {
        return new StoreSettings() {
            @Override
            public String endpoint() {
                return infrastructure.storeEndpoint();
            }

            @Override
            public String accessKey() {
                return infrastructure.storeAccessKey();
            }

            @Override
            public String secretKey() {
                return infrastructure.storeSecretKey();
            }

            @Override
            public String bucket() {
                return infrastructure.bucket();
            }
        };
    }

    private static KafkaProducer<String, byte[]> producer(LocalInfrastructure infrastructure) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
