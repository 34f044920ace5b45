package org.descentobservatory.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Starts and cancels runs through the trainer's REST API, as a user would with curl. */
public final class TrainerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String trainerUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param trainerUrl the trainer's base URL, e.g. {@code http://127.0.0.1:8081}; for a trainer without a token */
    public TrainerClient(String trainerUrl) {
        this(trainerUrl, null);
    }

    /**
     * @param trainerUrl the trainer's base URL, e.g. {@code http://127.0.0.1:8081}
     * @param token      the trainer's {@code observatory.trainer.api-token}, sent as a bearer token; null for none
     */
    public TrainerClient(String trainerUrl, String token) {
        this.trainerUrl = trainerUrl;
        this.token = token;
    }

    /**
     * {@code POST /api/runs} with a partial run spec, which the trainer merges over its defaults: empty for a default
     * run, or e.g. {@code Map.of("epochs", 3, "seed", 11)}.
     *
     * @param partialSpec run-spec fields by their JSON name
     * @return the new run's id, the {@code runId} field of the answer
     * @throws IllegalStateException if the trainer refuses the run or answers without a run id
     */
    public String startRun(Map<String, ?> partialSpec) {
        JsonNode runId = post("/api/runs", partialSpec).path("runId");
        if (!runId.isTextual()) {
            throw new IllegalStateException("The trainer's answer has no runId: " + runId);
        }
        return runId.asText();
    }

    /**
     * {@code POST /api/sweeps}: one run per seed, sharing the partial spec.
     *
     * @return the runs' ids, in the order of {@code seeds}
     */
    public List<String> startSweep(Map<String, ?> partialSpec, List<Long> seeds) {
        List<String> runIds = new ArrayList<>();
        for (JsonNode run : post("/api/sweeps", Map.of("spec", partialSpec, "seeds", seeds)).path("runs")) {
            runIds.add(run.path("runId").asText());
        }
        if (runIds.size() != seeds.size()) {
            throw new IllegalStateException("The trainer accepted " + runIds.size() + " runs for " + seeds.size()
                    + " seeds");
        }
        return runIds;
    }

    /** {@code POST /api/runs/{runId}/cancel}. */
    public void cancel(String runId, String reason) {
        post("/api/runs/" + runId + "/cancel", Map.of("reason", reason));
    }

    private JsonNode post(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + body + " as JSON", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(trainerUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The trainer refused POST " + path + " " + json + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the trainer", e);
        }
    }
}
