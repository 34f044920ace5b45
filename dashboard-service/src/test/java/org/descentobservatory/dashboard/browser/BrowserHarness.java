package org.descentobservatory.dashboard.browser;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.descentobservatory.dashboard.SyntheticRun;
import org.descentobservatory.schemas.ObservatoryEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.schemas.kafka.EventSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds a {@link SyntheticRun} to the real broker the dashboard under test consumes, then runs the page check
 * ({@code src/test/browser/dashboard-check.mjs}) in headless Chromium against the dashboard and publishes one more
 * epoch when the script asks for it (the live-update check).
 */
final class BrowserHarness {

    /** Where the node script and its node_modules live, relative to the module (the test's working directory). */
    static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    private static final Pattern ANALYSED = Pattern.compile("\"epochsAnalysed\":(\\d+)");

    private final String bootstrapServers;
    private final String baseUrl;
    private final SyntheticRun run;
    private final String runId;
    private final HttpClient http = HttpClient.newHttpClient();

    BrowserHarness(String bootstrapServers, String baseUrl, String runId, SyntheticRun run) {
        this.bootstrapServers = bootstrapServers;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.runId = runId;
        this.run = run;
    }

    /** Publishes run-started and epochs 1..epochs (checkpoint and analysis each), then waits for the dashboard. */
    void publish(int epochs, Duration patience) throws Exception {
        try (KafkaProducer<String, ObservatoryEvent> producer = producer()) {
            producer.send(record(Topics.RUNS_STARTED, run.started()));
            for (int epoch = 1; epoch <= epochs; epoch++) {
                producer.send(record(Topics.CHECKPOINTS, run.checkpoint(epoch)));
                producer.send(record(Topics.ANALYSES, run.analysis(epoch)));
            }
            producer.flush();
        }
        awaitAnalysed(epochs, patience);
    }

    void awaitAnalysed(int epochs, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        int seen = -1;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/api/runs/" + runId);
            Matcher m = ANALYSED.matcher(response.body());
            if (response.statusCode() == 200 && m.find()) {
                seen = Integer.parseInt(m.group(1));
                if (seen >= epochs) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("dashboard analysed " + seen + " of " + epochs + " epochs within " + patience);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Runs the page check; publishes epoch {@code nextEpoch} when the script asks.
     *
     * @return the script's output lines
     */
    List<String> runPageCheck(String mode, Path outDir, int nextEpoch, Duration patience) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "dashboard-check.mjs")
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BASE_URL", baseUrl);
        env.put("RUN_ID", runId);
        env.put("OUT_DIR", outDir.toAbsolutePath().toString());
        env.put("MODE", mode);
        Process node = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[browser] " + line);
                output.add(line);
                if (line.equals("PUBLISH-LIVE")) {
                    try (KafkaProducer<String, ObservatoryEvent> producer = producer()) {
                        producer.send(record(Topics.CHECKPOINTS, run.checkpoint(nextEpoch))).get();
                        producer.send(record(Topics.ANALYSES, run.analysis(nextEpoch))).get();
                    }
                    in.write(nextEpoch + "\n");
                    in.flush();
                }
            }
        }
        if (!node.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the page check did not finish within " + patience);
        }
        if (node.exitValue() != 0) {
            throw new AssertionError("the page check failed (exit " + node.exitValue() + "):\n"
                    + String.join("\n", output));
        }
        return output;
    }

    private static ProducerRecord<String, ObservatoryEvent> record(String topic, ObservatoryEvent event) {
        return new ProducerRecord<>(topic, Topics.keyOf(event), event);
    }

    private KafkaProducer<String, ObservatoryEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
                new StringSerializer(), new EventSerializer());
    }
}
