package org.descentobservatory.trainer.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.CheckpointExport;
import org.descentobservatory.trainer.domain.RunIds;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Stored checkpoints as NumPy archives, for analysis in Python (see docs/checkpoint-export.md). Read-only.
 * <pre>
 * GET /api/runs/{runId}/checkpoints/{epoch}.npz
 *     200 application/octet-stream: an .npz with one array per network parameter plus metadata.json
 *     400 {error, violations} for a run id that breaks the contracts' pattern or an epoch that is not an integer ≥ 1
 *     404 {error, violations: []} when the store has no checkpoint for that run and epoch
 * </pre>
 * Any stored checkpoint can be exported, also of runs this trainer instance did not train. Restoring the network
 * is blocking work (tens of milliseconds for the paper's network), so this runs on a worker thread, as Quarkus REST
 * does for methods that return plain values.
 */
@Path("/api/runs/{runId}/checkpoints")
public class CheckpointExportResource {

    private static final Logger LOG = Logger.getLogger(CheckpointExportResource.class);
    private static final String NPZ = "application/octet-stream";

    private final CheckpointStore store;

    public CheckpointExportResource(CheckpointStore store) {
        this.store = store;
    }

    @GET
    @Path("{epoch}.npz")
    public Response npz(@PathParam("runId") String runId, @PathParam("epoch") String epochText) {
        if (!RunIds.PATTERN.matcher(runId).matches()) {
            return error(Response.Status.BAD_REQUEST, "invalid checkpoint address",
                    new SchemaViolation("runId", "must match " + RunIds.PATTERN.pattern()));
        }
        int epoch = parseEpoch(epochText);
        if (epoch < 1) {
            return error(Response.Status.BAD_REQUEST, "invalid checkpoint address",
                    new SchemaViolation("epoch", "must be an integer ≥ 1, got '" + epochText + "'"));
        }
        byte[] checkpoint;
        try {
            checkpoint = store.getCheckpoint(runId, epoch);
        } catch (MissingObjectException e) {
            return error(Response.Status.NOT_FOUND, "No checkpoint of run " + runId + " at epoch " + epoch);
        }
        byte[] npz = CheckpointExport.toNpz(CheckpointCodec.decode(checkpoint), runId, epoch);
        LOG.debugf("Exported run %s epoch %d as %d bytes of npz", runId, epoch, npz.length);
        return Response.ok(npz, NPZ)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + runId + "-epoch-" + epoch + ".npz\"")
                .build();
    }

    /** The epoch, or 0 (invalid) when the text is not a decimal int. */
    private static int parseEpoch(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Response error(Response.Status status, String message, SchemaViolation... violations) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(message, List.of(violations))).build();
    }
}
