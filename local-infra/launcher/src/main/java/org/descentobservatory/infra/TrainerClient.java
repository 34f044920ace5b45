package org.descentobservatory.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Starts a run through the trainer's REST API, as a user would with curl. */
public final class TrainerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String trainerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param trainerUrl the trainer's base URL, e.g. {@code http://127.0.0.1:8081} */
    public TrainerClient(String trainerUrl) {
        this.trainerUrl = trainerUrl;
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
        String body;
        try {
            body = JSON.writeValueAsString(partialSpec);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the run spec " + partialSpec + " as JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(trainerUrl + "/api/runs"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The trainer refused the run " + body + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode runId = JSON.readTree(response.body()).path("runId");
            if (!runId.isTextual()) {
                throw new IllegalStateException("The trainer's answer has no runId: " + response.body());
            }
            return runId.asText();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a run", e);
        }
    }
}
