package org.descentobservatory.dashboard.rest;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.descentobservatory.dashboard.config.DashboardConfig;
import org.descentobservatory.dashboard.domain.BifurcationDensity;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.dashboard.domain.RunSummary;
import org.descentobservatory.dashboard.domain.TimelineDownsampler;
import org.descentobservatory.dashboard.domain.TimelineRow;
import org.descentobservatory.dashboard.domain.descent.DescentDetector;
import org.descentobservatory.dashboard.domain.descent.DescentSettings;
import org.descentobservatory.dashboard.service.TimelineStream;
import org.descentobservatory.dashboard.service.ViewCache;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Read-only view of the runs, their timelines and what the descent detection finds in them. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /** Media type of the timeline's CSV form. */
    public static final String TEXT_CSV = "text/csv";

    private static final int MAX_BIFURCATION_COLUMNS = 4000;
    private static final int MAX_BIFURCATION_BINS = 1000;

    private final RunRegistry registry;
    private final TimelineStream stream;
    private final DashboardConfig config;
    private final ViewCache cache;

    public RunResource(RunRegistry registry, TimelineStream stream, DashboardConfig config, ViewCache cache) {
        this.registry = registry;
        this.stream = stream;
        this.config = config;
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Every run seen on the topics, newest first")
    public List<RunSummary> runs() {
        return registry.summaries();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run's status and counts")
    public RunSummary run(@PathParam("runId") String runId) {
        return registry.summary(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    @GET
    @Path("/{runId}/timeline")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelineView.class)),
            @Content(mediaType = TEXT_CSV)})
    @Operation(summary = "One row per epoch (JSON; CSV with Accept: text/csv or ?format=csv)",
            description = "from/to limit the epoch range (inclusive). maxPoints thins a long range by min/max "
                    + "decimation into maxPoints/2 buckets, keeping every series' extremes; without it every row "
                    + "is returned.")
    public Response timeline(@PathParam("runId") String runId,
                             @Parameter(description = "first epoch, inclusive") @QueryParam("from") String from,
                             @Parameter(description = "last epoch, inclusive") @QueryParam("to") String to,
                             @Parameter(description = "thin to about this many rows (JSON only)")
                             @QueryParam("maxPoints") String maxPoints,
                             @Parameter(description = "csv for CSV") @QueryParam("format") String format,
                             @Context HttpHeaders headers) {
        Integer fromEpoch = QueryParams.optionalInt("from", from);
        Integer toEpoch = QueryParams.optionalInt("to", to);
        if (wantsCsv(format, headers)) {
            List<TimelineRow> all = registry.timeline(runId).orElseThrow(() -> new UnknownRunException(runId));
            return Response.ok(TimelineCsv.write(inRange(all, fromEpoch, toEpoch)), TEXT_CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + runId + "-timeline.csv\"").build();
        }
        Integer points = QueryParams.optionalInt("maxPoints", maxPoints);
        if (points != null && (points < 2 || points > 2 * config.maxTimelineBuckets())) {
            throw new BadRequestException("query parameter 'maxPoints' must be in [2, "
                    + 2 * config.maxTimelineBuckets() + "], was " + points);
        }
        byte[] json = (points == null ? cache.timelineJson(runId, fromEpoch, toEpoch)
                : cache.json(runId, "timeline?" + fromEpoch + "&" + toEpoch + "&" + points, () -> {
                    List<TimelineRow> inRange = inRange(registry.timeline(runId).orElseThrow(), fromEpoch, toEpoch);
                    List<TimelineRow> rows = TimelineDownsampler.downsample(inRange, points / 2);
                    return new TimelineView(runId, inRange.size(), rows.size() < inRange.size(), rows);
                })).orElseThrow(() -> new UnknownRunException(runId));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{runId}/summary")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SummaryView.class)))
    @Operation(summary = "The run's descent findings: minima, cycles, transitions, change points, edge windows "
            + "(rules in docs/dashboard.md)")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@PathParam("runId") String runId,
                               @Parameter(description = "smoothing half-width h in checkpoints (default n/200)")
                               @QueryParam("smoothing") String smoothing,
                               @Parameter(description = "minimum prominence as a share of the smoothed range "
                                       + "(default 0.05)") @QueryParam("prominence") String prominence,
                               @Parameter(description = "D̃ jump that makes a change point (default 2)")
                               @QueryParam("changePointJump") String changePointJump,
                               @Parameter(description = "training-loss ratio that makes a spike (default 2)")
                               @QueryParam("spikeRatio") String spikeRatio,
                               @Parameter(description = "epochs the optimum may be from the transition "
                                       + "(default 2 × median analysis gap)")
                               @QueryParam("optimumTolerance") String optimumTolerance) {
        run(runId);
        DescentSettings settings;
        try {
            settings = new DescentSettings(QueryParams.optionalInt("smoothing", smoothing),
                    QueryParams.optionalDouble("prominence", prominence),
                    QueryParams.optionalDouble("changePointJump", changePointJump),
                    QueryParams.optionalDouble("spikeRatio", spikeRatio),
                    QueryParams.optionalInt("optimumTolerance", optimumTolerance));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        DescentSettings asked = settings;
        byte[] json = cache.json(runId, "summary?" + settings, () -> new SummaryView(run(runId), asked,
                DescentDetector.detect(registry.timeline(runId).orElseThrow(), asked)))
                .orElseThrow(() -> new UnknownRunException(runId));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{runId}/bifurcation")
    @Operation(summary = "The bifurcation scatter (per-probe Σh_T against epoch) as counts on a grid; "
            + "empty until the analyzer sends readouts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BifurcationDensity.Grid.class)))
    public Response bifurcation(@PathParam("runId") String runId,
                                @QueryParam("from") String from, @QueryParam("to") String to,
                                @Parameter(description = "epoch columns, default 800")
                                @QueryParam("columns") String columns,
                                @Parameter(description = "readout bins per column, default 100")
                                @QueryParam("bins") String bins,
                                @Parameter(description = "subtract each epoch's mean, default true")
                                @QueryParam("centred") String centred) {
        Integer fromEpoch = QueryParams.optionalInt("from", from);
        Integer toEpoch = QueryParams.optionalInt("to", to);
        int columnCount = QueryParams.intInRange("columns", columns, 800, 1, MAX_BIFURCATION_COLUMNS);
        int binCount = QueryParams.intInRange("bins", bins, 100, 1, MAX_BIFURCATION_BINS);
        boolean centre = centred == null || !centred.equalsIgnoreCase("false");
        byte[] json = cache.json(runId, "bifurcation?" + fromEpoch + "&" + toEpoch + "&" + columnCount + "&" + binCount
                + "&" + centre, () -> BifurcationDensity.of(registry.readouts(runId,
                        fromEpoch == null ? Integer.MIN_VALUE : fromEpoch,
                        toEpoch == null ? Integer.MAX_VALUE : toEpoch).orElseThrow(), columnCount, binCount, centre))
                .orElseThrow(() -> new UnknownRunException(runId));
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{runId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: each row of the run as a checkpoint or analysis changes it")
    public Multi<TimelineRow> stream(@PathParam("runId") String runId) {
        return stream.rows(runId);
    }

    private static List<TimelineRow> inRange(List<TimelineRow> rows, Integer from, Integer to) {
        if (from == null && to == null) {
            return rows;
        }
        int lo = from == null ? Integer.MIN_VALUE : from;
        int hi = to == null ? Integer.MAX_VALUE : to;
        return rows.stream().filter(r -> r.epoch() >= lo && r.epoch() <= hi).toList();
    }

    /** ?format=csv, or an Accept header that names text/csv before any JSON type. */
    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            if (format.equalsIgnoreCase("csv")) {
                return true;
            }
            if (format.equalsIgnoreCase("json")) {
                return false;
            }
            throw new BadRequestException("query parameter 'format' must be json or csv, was '" + format + "'");
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(TEXT_CSV)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> unknownRun(UnknownRunException e) {
        return ErrorView.response(RestResponse.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    RestResponse<ErrorView> badRequest(BadRequestException e) {
        return ErrorView.response(RestResponse.Status.BAD_REQUEST, e.getMessage());
    }
}
