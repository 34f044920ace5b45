package org.descentobservatory.dashboard.service;

import jakarta.inject.Singleton;
import org.descentobservatory.dashboard.config.DashboardConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Forwards the page's start and cancel requests to the trainer's API with the caller's own bearer token: the
 * dashboard holds no credential and decides nothing; the trainer checks the token. Without a configured trainer URL
 * there is nothing to forward to (read-only dashboard).
 */
@Singleton
public class TrainerForwarder {

    /** The trainer's answer, passed on as is. */
    public record Answer(int status, String contentType, String body) {
    }

    /** The trainer could not be reached or did not answer in time. */
    public static class TrainerUnavailableException extends Exception {
        public TrainerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DashboardConfig config;
    private final HttpClient client;

    public TrainerForwarder(DashboardConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.trainerTimeout()).build();
    }

    /** The trainer's base URL; empty when the dashboard is read-only. */
    public Optional<URI> trainer() {
        return config.trainerUrl();
    }

    /** {@code POST {trainer}/api/runs} with the spec JSON. */
    public Answer start(String specJson, String authorization) throws TrainerUnavailableException {
        return post("/api/runs", specJson, authorization);
    }

    /** {@code POST {trainer}/api/runs/{id}/cancel}. */
    public Answer cancel(String runId, String authorization) throws TrainerUnavailableException {
        return post("/api/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20") + "/cancel",
                "", authorization);
    }

    /** {@code GET {trainer}/api/runs}: the trainer's own view of its runs, with progress when it reports one. */
    public Answer runs() throws TrainerUnavailableException {
        return send(HttpRequest.newBuilder(resolve("/api/runs")).GET());
    }

    private Answer post(String path, String body, String authorization) throws TrainerUnavailableException {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) throws TrainerUnavailableException {
        try {
            HttpResponse<String> response = client.send(request.timeout(config.trainerTimeout()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (HttpTimeoutException e) {
            throw new TrainerUnavailableException("the trainer did not answer within " + config.trainerTimeout(), e);
        } catch (IOException e) {
            throw new TrainerUnavailableException("the trainer at " + trainer().orElseThrow() + " is unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainerUnavailableException("interrupted while calling the trainer", e);
        }
    }

    private URI resolve(String path) {
        String base = trainer().orElseThrow().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }
}
