package org.descentobservatory.analyzer.service;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.analyzer.compute.AnalysedNetwork;
import org.descentobservatory.analyzer.compute.AsymptoticDistance;
import org.descentobservatory.analyzer.compute.LstmCell;
import org.descentobservatory.analyzer.compute.LstmParameters;
import org.descentobservatory.analyzer.compute.PhaseLabel;
import org.descentobservatory.analyzer.compute.ProbeLyapunovSpectrum;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.descentobservatory.networks.NetworkSpecs;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.Quantiles;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.schemas.kafka.EventSerializer;
import org.descentobservatory.store.ObjectStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The analyzer against a real broker and S3 store: a trainer-like checkpoint and probe set are stored, checkpoint
 * events published, and what the analyzer writes to the analyses and dead-letter topics is read back.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class CheckpointAnalysisFlowTest {

    /** The trainer's network in miniature (module networks), float32 as the trainer stores it. */
    private static final RunSpec SPEC = NetworkSpecs.tiny(5);
    private static final int PROBES = 8;
    /** Must match %test.observatory.analysis.max-probes, so that truncation to max-probes is exercised. */
    private static final int MAX_PROBES = 5;
    /** Must match %test.observatory.analysis.lyapunov-probes (below MAX_PROBES, so that it truncates too). */
    private static final int LYAPUNOV_PROBES = 3;
    private static final String ZIP = "application/zip";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AnalyzerConfig config;

    @Inject
    ObjectStore store;

    @Test
    void analysesGoodCheckpointsDeadLettersBadOnesAndKeepsConsuming() throws Exception {
        String runId = "flow-" + Long.toHexString(System.nanoTime());
        MultiLayerNetwork net = SentimentNetworkFactory.create(SPEC);
        byte[] checkpoint = zip(net);
        int[][] tokens = tokens(new Random(11));
        store.put(ObjectKeys.probeSet(runId), JsonContracts.write(ProbeSet.of(runId, tokens)), "application/json");
        store.put(ObjectKeys.checkpoint(runId, 1), checkpoint, ZIP);
        store.put(ObjectKeys.checkpoint(runId, 2), checkpoint, ZIP);
        store.put(ObjectKeys.checkpoint(runId, 4), checkpoint, ZIP);
        String wrongSha = Sha256.hex("something else".getBytes(StandardCharsets.UTF_8));
        byte[] malformed = "{\"schemaVersion\": 1, \"runId\": \"oops\"".getBytes(StandardCharsets.UTF_8);

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ANALYSES, Topics.DEAD_LETTER));
            try (KafkaProducer<String, byte[]> producer = producer()) {
                publish(producer, runId, event(runId, 1, checkpoint, Sha256.hex(checkpoint)));
                publish(producer, runId, event(runId, 2, checkpoint, wrongSha));
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId, malformed)).get();
                publish(producer, runId, event(runId, 3, checkpoint, Sha256.hex(checkpoint))); // never stored
                publish(producer, runId, event(runId, 4, checkpoint, Sha256.hex(checkpoint)));
                // Redelivery (at-least-once): the same checkpoint event again.
                publish(producer, runId, event(runId, 1, checkpoint, Sha256.hex(checkpoint)));
            }

            List<ConsumerRecord<String, byte[]>> analyses = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key())) {
                        (record.topic().equals(Topics.ANALYSES) ? analyses : deadLetters).add(record);
                    }
                }
                return analyses.size() == 3 && deadLetters.size() == 3;
            });

            List<AnalysisEvent> events = analyses.stream()
                    .map(record -> JsonContracts.read(record.value(), AnalysisEvent.class)).toList();
            assertThat(events).extracting(AnalysisEvent::epoch).containsExactly(1, 4, 1);
            assertMatchesDirectComputation(events.get(0), net, tokens);
            // Idempotent: the redelivered checkpoint gives the same key and the same event but for the attempt's
            // wall-clock metadata (durationMs, analysedAt).
            assertThat(analyses.get(2).key()).isEqualTo(analyses.get(0).key());
            assertThat(events.get(2)).usingRecursiveComparison().ignoringFields("durationMs", "analysedAt")
                    .isEqualTo(events.get(0));
            assertThat(events.get(1).asymptoticDistance()).isEqualTo(events.get(0).asymptoticDistance());
            assertThat(events.get(1).largestLyapunovExponent()).isEqualTo(events.get(0).largestLyapunovExponent());

            assertThat(reason(deadLetters.get(0))).contains("SHA-256 mismatch").contains(wrongSha);
            assertThat(JsonContracts.read(deadLetters.get(0).value(), CheckpointEvent.class).epoch()).isEqualTo(2);
            assertThat(reason(deadLetters.get(1))).contains("not JSON");
            assertThat(deadLetters.get(1).value()).isEqualTo(malformed);
            assertThat(reason(deadLetters.get(2))).contains("No object " + ObjectKeys.checkpoint(runId, 3));
        }

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("observatory_analyses_total"))
                .body(containsString("observatory_dead_letters_total{reason=\"CheckpointRejectedException\"} 1.0"))
                .body(containsString("observatory_dead_letters_total{reason=\"MalformedCheckpointEvent\"} 1.0"))
                .body(containsString("observatory_dead_letters_total{reason=\"MissingObjectException\"} 1.0"))
                .body(containsString("observatory_analysis_duration_seconds_count"))
                .body(containsString("observatory_analysis_queue_lag_seconds"))
                .body(containsString("observatory_store_read_retries_total"));
    }

    private void assertMatchesDirectComputation(AnalysisEvent event, MultiLayerNetwork net, int[][] tokens)
            throws IOException {
        AnalyzerConfig.Analysis settings = config.analysis();
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip(net)), false);
        AsymptoticDistance.Result expected = AsymptoticDistance.measure(new LstmCell(LstmParameters.from(restored)),
                Arrays.copyOf(tokens, MAX_PROBES), new AsymptoticDistance.Protocol(settings.totalSteps(),
                        settings.perturbation(), settings.floorLog(), settings.seed()));
        assertThat(event.perturbationTarget()).isEqualTo(AnalysisEvent.PERTURB_INITIAL_HIDDEN);
        assertThat(event.dynamics()).isEqualTo(AnalysisEvent.DYNAMICS_ZERO_INPUT);
        assertThat(event.asymptoticDistance()).isEqualTo(expected.dTilde());
        assertThat(event.asymptoticReadouts()).containsExactly(Arrays.stream(expected.readouts()).boxed()
                .toArray(Double[]::new));
        double[] q = expected.logDQuantiles();
        assertThat(event.logDistanceQuantiles()).isEqualTo(new Quantiles(q[0], q[1], q[2], q[3], q[4], q[5], q[6]));
        assertThat(event.chaoticFraction()).isEqualTo(expected.chaoticFraction());
        assertThat(event.probeCount()).isEqualTo(MAX_PROBES);
        assertThat(event.drivenSteps()).isEqualTo(SPEC.sequenceLength());
        assertThat(event.totalSteps()).isEqualTo(settings.totalSteps());
        assertThat(event.perturbation()).isEqualTo(settings.perturbation());
        assertThat(event.floorLog()).isEqualTo(settings.floorLog());
        assertThat(event.analyzerVersion()).isEqualTo("0.1.0-SNAPSHOT");

        AnalysedNetwork network = AnalysedNetwork.from(restored);
        LyapunovSpectrum.Settings lyapunov = CheckpointAnalysisService.lyapunovSettings(settings, network);
        ProbeLyapunovSpectrum.Result spectrum = ProbeLyapunovSpectrum.measure(LstmParameters.from(restored),
                Arrays.copyOf(tokens, LYAPUNOV_PROBES), lyapunov);
        assertThat(lyapunov.exponents()).isEqualTo(settings.lyapunovExponents());
        assertThat(event.largestLyapunovExponent()).isEqualTo(spectrum.mean()[0]);
        assertThat(event.lyapunovStandardError()).isEqualTo(spectrum.standardError()[0]);
        assertThat(event.lyapunovSpectrum()).containsExactly(Arrays.stream(spectrum.mean()).boxed()
                .toArray(Double[]::new));
        assertThat(event.lyapunovSpectrumStandardErrors()).containsExactly(Arrays.stream(spectrum.standardError())
                .boxed().toArray(Double[]::new));
        assertThat(event.phase()).isEqualTo(EventNames.phase(PhaseLabel.of(expected.chaoticFraction(),
                spectrum.mean()[0], spectrum.standardError()[0], settings.phase().thresholds())));
        assertThat(event.lyapunovProbes()).isEqualTo(LYAPUNOV_PROBES);
        assertThat(event.lyapunovTransientSteps()).isEqualTo(settings.lyapunovTransientSteps());
        assertThat(event.lyapunovSteps()).isEqualTo(settings.lyapunovSteps());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder();
        for (String name : new String[]{"dead-letter-reason", "dead-letter-cause"}) {
            Header header = record.headers().lastHeader(name);
            if (header != null) {
                text.append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }

    private static byte[] zip(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, true);
        return out.toByteArray();
    }

    private static int[][] tokens(Random random) {
        int[][] tokens = new int[PROBES][SPEC.sequenceLength()];
        for (int[] probe : tokens) {
            for (int t = 0; t < probe.length; t++) {
                probe[t] = random.nextInt(SPEC.vocabularySize());
            }
        }
        return tokens;
    }

    private static CheckpointEvent event(String runId, int epoch, byte[] checkpoint, String sha256) {
        return CheckpointEvent.of(runId, epoch, 0.5, 0.6, 0.7, 0.9, 0.5, 0.8, 0.2, 0.4, Map.of("1_RW", 3.0),
                ObjectKeys.checkpoint(runId, epoch), sha256, checkpoint.length, 1000, Instant.now());
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String runId, CheckpointEvent event)
            throws Exception {
        producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, runId,
                new EventSerializer().serialize(Topics.CHECKPOINTS, event))).get();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "flow-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }
}
