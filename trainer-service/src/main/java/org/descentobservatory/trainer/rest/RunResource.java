package org.descentobservatory.trainer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.InvalidRunSpecException;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.descentobservatory.trainer.domain.RunSpecParser;
import org.descentobservatory.trainer.service.RunAlreadyEndedException;
import org.descentobservatory.trainer.service.RunRegistry;
import org.descentobservatory.trainer.service.RunRequests;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;

/**
 * Runs of all trainer replicas. Starting and cancelling need {@code Authorization: Bearer <observatory.trainer.api-token>}
 * when a token is configured ({@link BearerTokenFilter}); bodies are limited to {@code quarkus.http.limits.max-body-size}
 * (413 beyond). A request that gets a 4xx changes nothing.
 * <pre>
 * POST /api/runs                body: a JSON object with an optional "preset" (default "cpu-small") and any RunSpec
 *                               fields, merged over that preset ({} = default run)
 *                               202 {runId, spec, status} + Location; 400 {error, violations: [{field, message}]}
 * POST /api/sweeps              body: {"spec": {partial spec}, "seeds": [..]} or {"specs": [{partial spec}, ..]}
 *                               202 {sweepId, runs: [{runId, spec, status}]}; 400 naming every bad field of every run
 * POST /api/runs/{id}/cancel    body: empty or {"reason": "..."}; 202 {runId, status, cancelRequested: true};
 *                               404 unknown run; 409 run already ended
 * GET  /api/runs                every run requested through any replica, oldest first, with progress
 * GET  /api/runs/{id}           one run; 404 if unknown
 * </pre>
 * The runs are read from the run topics, so a run just requested may take a moment to show on another replica.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /** The answer to an accepted run. */
    public record RunAccepted(String runId, RunSpec spec, String status) {
        static RunAccepted of(RunSnapshot run) {
            return new RunAccepted(run.runId(), run.spec(), run.status().name());
        }
    }

    /** The answer to an accepted sweep. */
    public record SweepAccepted(String sweepId, List<RunAccepted> runs) {
    }

    /** The answer to an accepted cancel. */
    public record CancelAccepted(String runId, String status, boolean cancelRequested) {
    }

    /** Longest cancel reason kept. */
    static final int MAX_REASON_LENGTH = 500;

    private final RunRequests requests;
    private final RunRegistry registry;
    private final TrainerConfig config;

    public RunResource(RunRequests requests, RunRegistry registry, TrainerConfig config) {
        this.requests = requests;
        this.registry = registry;
        this.config = config;
    }

    /** The body is read raw so that a body that is not JSON gets this API's 400, not the framework's. */
    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(byte[] body, @Context UriInfo uri) {
        RunSnapshot run = requests.submit(List.of(RunSpecParser.parse(body)), null).get(0);
        return Response.accepted(RunAccepted.of(run))
                .location(uri.getAbsolutePathBuilder().path(run.runId()).build())
                .build();
    }

    @POST
    @Path("sweeps")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sweep(byte[] body) {
        List<RunSpec> specs = SweepParser.parse(body, config.trainer().maxSweepRuns());
        String sweepId = requests.freshSweepId();
        List<RunAccepted> runs = requests.submit(specs, sweepId).stream().map(RunAccepted::of).toList();
        return Response.accepted(new SweepAccepted(sweepId, runs)).build();
    }

    @POST
    @Path("runs/{runId}/cancel")
    public Response cancel(@PathParam("runId") String runId, byte[] body) {
        RunSnapshot run = requests.cancel(runId, reason(body))
                .orElseThrow(() -> new NotFoundException("Unknown run " + runId));
        return Response.accepted(new CancelAccepted(runId, run.status().name(), true)).build();
    }

    @GET
    @Path("runs")
    public List<RunSnapshot> all() {
        return registry.all();
    }

    @GET
    @Path("runs/{runId}")
    public RunSnapshot one(@PathParam("runId") String runId) {
        return registry.find(runId).orElseThrow(() -> new NotFoundException("Unknown run " + runId));
    }

    /** The reason of a cancel body: empty body, or an object with at most a string "reason". */
    private static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JsonContracts.mapper().readTree(body);
        } catch (IOException e) {
            throw invalidCancel("$", "not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw invalidCancel("$", "must be empty or a JSON object {\"reason\": \"...\"}");
        }
        for (var names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"reason".equals(name)) {
                throw invalidCancel("$." + name, "unknown field; a cancel body has only \"reason\"");
            }
        }
        JsonNode reason = tree.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual() || reason.textValue().length() > MAX_REASON_LENGTH) {
            throw invalidCancel("$.reason", "must be a string of at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason.textValue();
    }

    private static InvalidCancelException invalidCancel(String field, String message) {
        return new InvalidCancelException(List.of(new SchemaViolation(field, message)));
    }

    /** A cancel body that is not {@code {"reason": "..."}}. */
    static final class InvalidCancelException extends RuntimeException {
        private final transient List<SchemaViolation> violations;

        InvalidCancelException(List<SchemaViolation> violations) {
            super("invalid cancel request");
            this.violations = violations;
        }
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidRunSpecException e) {
        return error(Response.Status.BAD_REQUEST, new ApiError("invalid run spec", e.violations()));
    }

    @ServerExceptionMapper
    public Response invalidCancel(InvalidCancelException e) {
        return error(Response.Status.BAD_REQUEST, new ApiError(e.getMessage(), e.violations));
    }

    @ServerExceptionMapper
    public Response alreadyEnded(RunAlreadyEndedException e) {
        return error(Response.Status.CONFLICT, new ApiError(e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(Response.Status.NOT_FOUND, new ApiError(e.getMessage(), List.of()));
    }

    private static Response error(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
