package org.descentobservatory.dashboard.service;

import com.sun.net.httpserver.HttpServer;
import org.descentobservatory.dashboard.config.DashboardConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forwarder against an HTTP server on loopback standing in for the trainer (the real trainer needs DL4J and
 * minutes per epoch; what is checked here is what the dashboard sends and passes back, which the stand-in records).
 */
class TrainerForwarderTest {

    private record Seen(String method, String path, String authorization, String body) {
    }

    private HttpServer trainer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTrainer() throws IOException {
        trainer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trainer.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), authorization, body));
            boolean allowed = "Bearer right".equals(authorization);
            byte[] answer = (allowed ? "{\"runId\":\"r-1\"}" : "{\"error\":\"bad token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(allowed ? 202 : 401, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        trainer.start();
    }

    @AfterEach
    void stopTrainer() {
        trainer.stop(0);
    }

    private static TrainerForwarder forwarder(URI url) {
        return new TrainerForwarder(new DashboardConfig() {
            @Override
            public Optional<URI> trainerUrl() {
                return Optional.of(url);
            }

            @Override
            public Duration trainerTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int maxTimelineBuckets() {
                return 100;
            }
        });
    }

    private URI trainerUrl() {
        return URI.create("http://127.0.0.1:" + trainer.getAddress().getPort() + "/");
    }

    @Test
    void startAndCancelCarryTheCallersTokenAndPassTheTrainersAnswerBack() throws Exception {
        TrainerForwarder forwarder = forwarder(trainerUrl());

        TrainerForwarder.Answer started = forwarder.start("{\"epochs\":5}", "Bearer right");
        TrainerForwarder.Answer refused = forwarder.cancel("run a/1", "Bearer wrong");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body()).isEqualTo("{\"runId\":\"r-1\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("bad token");
        assertThat(seen).containsExactly(
                new Seen("POST", "/api/runs", "Bearer right", "{\"epochs\":5}"),
                new Seen("POST", "/api/runs/run%20a%2F1/cancel", "Bearer wrong", ""));
    }

    @Test
    void anUnreachableTrainerIsReportedAsUnavailable() {
        TrainerForwarder forwarder = forwarder(trainerUrl());
        trainer.stop(0);

        assertThatThrownBy(forwarder::runs).isInstanceOf(TrainerForwarder.TrainerUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
