package org.descentobservatory.dashboard.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.descentobservatory.dashboard.service.TrainerForwarder;
import org.descentobservatory.dashboard.service.TrainerForwarder.Answer;
import org.descentobservatory.dashboard.service.TrainerForwarder.TrainerUnavailableException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The page's start and cancel controls. Read-only by default: without {@code observatory.dashboard.trainer-url}
 * every control answers 403. With it, a request without a bearer token answers 401 here; one with a token is
 * forwarded with that token, and the trainer's status and body come back as they are (the trainer decides).
 */
@Path("/api/control")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ControlResource {

    /** JSON body of {@code GET /api/control}: whether the controls can work. */
    public record ControlView(boolean enabled, String trainerUrl) {
    }

    private final TrainerForwarder trainer;

    public ControlResource(TrainerForwarder trainer) {
        this.trainer = trainer;
    }

    @GET
    @Operation(summary = "Whether start/cancel are enabled (a trainer URL is configured)")
    public ControlView control() {
        return new ControlView(trainer.trainer().isPresent(), trainer.trainer().map(Object::toString).orElse(null));
    }

    @POST
    @Path("/runs")
    @Operation(summary = "Start a run: forwards the spec JSON to the trainer's POST /api/runs with the caller's "
            + "Authorization: Bearer token")
    public Response start(String specJson, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws TrainerUnavailableException {
        requireWritable(authorization);
        return passOn(trainer.start(specJson == null || specJson.isBlank() ? "{}" : specJson, authorization));
    }

    @POST
    @Path("/runs/{runId}/cancel")
    @Operation(summary = "Cancel a run: forwards to the trainer's POST /api/runs/{id}/cancel with the caller's token")
    public Response cancel(@PathParam("runId") String runId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws TrainerUnavailableException {
        requireWritable(authorization);
        return passOn(trainer.cancel(runId, authorization));
    }

    @GET
    @Path("/runs")
    @Operation(summary = "The trainer's GET /api/runs (status and progress as the trainer reports them)")
    public Response trainerRuns() throws TrainerUnavailableException {
        if (trainer.trainer().isEmpty()) {
            throw new ReadOnlyException();
        }
        return passOn(trainer.runs());
    }

    private void requireWritable(String authorization) {
        if (trainer.trainer().isEmpty()) {
            throw new ReadOnlyException();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new MissingTokenException();
        }
    }

    private static Response passOn(Answer answer) {
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }

    /** No trainer configured. */
    static class ReadOnlyException extends RuntimeException {
    }

    /** No bearer token sent. */
    static class MissingTokenException extends RuntimeException {
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> readOnly(ReadOnlyException e) {
        return ErrorView.response(RestResponse.Status.FORBIDDEN,
                "the dashboard is read-only: no trainer configured (observatory.dashboard.trainer-url)");
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> missingToken(MissingTokenException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.UNAUTHORIZED,
                        new ErrorView(401, "an Authorization: Bearer <token> header is required (the trainer's token)"))
                .type(MediaType.APPLICATION_JSON).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> unavailable(TrainerUnavailableException e) {
        return ErrorView.response(RestResponse.Status.BAD_GATEWAY, e.getMessage());
    }
}
