package org.descentobservatory.trainer.rest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the trainer's writes: every request to {@code /api/...} other than a read ({@code GET}, {@code HEAD},
 * {@code OPTIONS}) must carry {@code Authorization: Bearer <observatory.trainer.api-token>}, else it gets 401 with
 * {@code WWW-Authenticate: Bearer} before anything is parsed or changed. Reads stay open. Without a configured token
 * writes are open and a warning says so at startup. The token is compared in constant time.
 */
@ApplicationScoped
public class BearerTokenFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> token;

    public BearerTokenFilter(TrainerConfig config) {
        this.token = config.trainer().apiToken().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void warnIfOpen(@Observes StartupEvent event) {
        if (token.isEmpty()) {
            LOG.warn("observatory.trainer.api-token is not set: anyone who can reach this port can start and cancel "
                    + "runs");
        }
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (token.isEmpty() || READS.contains(request.getMethod())
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith(PREFIX)
                && MessageDigest.isEqual(token.get(), header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String problem = header == null ? "missing bearer token" : "wrong bearer token";
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(problem + "; starting and cancelling runs need Authorization: Bearer <token>",
                        List.of()))
                .build());
    }
}
