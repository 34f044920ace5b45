package org.descentobservatory.analyzer.listener;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.analyzer.config.Channels;
import org.descentobservatory.analyzer.service.CheckpointAnalysisService;
import org.descentobservatory.analyzer.service.CheckpointRejectedException;
import org.descentobservatory.schemas.CheckpointEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Analyses every checkpoint event, one at a time per partition (so per run), on a worker thread: an analysis
 * takes seconds of CPU. A failure nacks the record, which the channel's dead-letter-queue strategy moves to
 * {@code Topics.DEAD_LETTER} with the reason in its headers; records that are not valid CheckpointEvent JSON never
 * reach this method but go there directly (see application.properties).
 */
@ApplicationScoped
public class CheckpointListener {

    private final CheckpointAnalysisService analysis;

    public CheckpointListener(CheckpointAnalysisService analysis) {
        this.analysis = analysis;
    }

    @Incoming(Channels.CHECKPOINTS)
    @Blocking(ordered = true)
    public void onCheckpoint(CheckpointEvent event) {
        if (event == null) {
            throw new CheckpointRejectedException("Checkpoint record without a value (a tombstone?)");
        }
        analysis.analyse(event);
    }
}
