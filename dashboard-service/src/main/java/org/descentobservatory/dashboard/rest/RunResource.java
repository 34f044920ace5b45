package org.descentobservatory.dashboard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.dashboard.domain.RunSummary;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Read-only view of the runs and their timelines, as far as the dashboard has consumed their events. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunRegistry registry;

    public RunResource(RunRegistry registry) {
        this.registry = registry;
    }

    /** Every run, newest first. */
    @GET
    public List<RunSummary> runs() {
        return registry.summaries();
    }

    @GET
    @Path("/{runId}")
    public RunSummary run(@PathParam("runId") String runId) {
        return registry.summary(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    @GET
    @Path("/{runId}/timeline")
    public TimelineView timeline(@PathParam("runId") String runId) {
        return registry.timeline(runId).map(rows -> new TimelineView(runId, rows))
                .orElseThrow(() -> new UnknownRunException(runId));
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> unknownRun(UnknownRunException e) {
        RestResponse.Status status = RestResponse.Status.NOT_FOUND;
        return RestResponse.ResponseBuilder.create(status, new ErrorView(status.getStatusCode(), e.getMessage()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
