package org.descentobservatory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.schemas.JsonContracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a service's HTTP API as a browser or curl would. */
final class ObservatoryApi {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ObservatoryApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The rows of a run's timeline, or null while the dashboard does not know the run yet. */
    JsonNode timelineRows(String runId) {
        JsonNode timeline = get("/api/runs/" + runId + "/timeline");
        return timeline == null ? null : timeline.get("rows");
    }

    JsonNode run(String runId) {
        return get("/api/runs/" + runId);
    }

    /** GET as JSON; null on 404. */
    JsonNode get(String path) {
        HttpResponse<String> response = send(path);
        if (response.statusCode() == 404) {
            return null;
        }
        try {
            return JsonContracts.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " answered no JSON: " + response.body(), e);
        }
    }

    String getText(String path) {
        return send(path).body();
    }

    private HttpResponse<String> send(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                throw new IllegalStateException("GET " + request.uri() + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
