package org.descentobservatory.trainer.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.domain.InvalidRunSpecException;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.descentobservatory.trainer.domain.RunSpecParser;
import org.descentobservatory.trainer.service.TrainingService;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Runs of this trainer.
 * <pre>
 * POST /api/runs       body: a JSON object with an optional "preset" (default "cpu-small") and any RunSpec fields,
 *                      merged over that preset ({} = default run)
 *                      202 {runId, spec, status} + Location; 400 {error, violations: [{field, message}]}
 * GET  /api/runs       every run this trainer accepted, oldest first
 * GET  /api/runs/{id}  one run; 404 if unknown
 * </pre>
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /** The answer to an accepted run. */
    public record RunAccepted(String runId, RunSpec spec, String status) {
    }

    private final TrainingService training;

    public RunResource(TrainingService training) {
        this.training = training;
    }

    /** The body is read raw so that a body that is not JSON gets this API's 400, not the framework's. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(byte[] body, @Context UriInfo uri) {
        RunSnapshot run = training.submit(RunSpecParser.parse(body));
        return Response.accepted(new RunAccepted(run.runId(), run.spec(), run.status().name()))
                .location(uri.getAbsolutePathBuilder().path(run.runId()).build())
                .build();
    }

    @GET
    public List<RunSnapshot> all() {
        return training.all();
    }

    @GET
    @Path("{runId}")
    public RunSnapshot one(@PathParam("runId") String runId) {
        return training.find(runId).orElseThrow(() -> new NotFoundException("Unknown run " + runId));
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidRunSpecException e) {
        return error(Response.Status.BAD_REQUEST, new ApiError("invalid run spec", e.violations()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(Response.Status.NOT_FOUND, new ApiError(e.getMessage(), List.of()));
    }

    private static Response error(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
