package org.descentobservatory.trainer.listener;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.MalformedJsonException;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunStartedEvent;
import org.descentobservatory.schemas.Topics;
import org.descentobservatory.trainer.config.Channels;
import org.descentobservatory.trainer.service.CheckpointRetention;
import org.descentobservatory.trainer.service.RunRegistry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link RunRegistry} (what {@code GET /api/runs} shows, for the runs of every replica) and the
 * {@link CheckpointRetention} (which checkpoints the analyzer is done with) from the run topics, read from the
 * beginning by every replica. Blocking: retention may delete objects in the store.
 */
@ApplicationScoped
public class RunViewListener {

    private static final Logger LOG = Logger.getLogger(RunViewListener.class);

    private final RunRegistry registry;
    private final CheckpointRetention retention;

    public RunViewListener(RunRegistry registry, CheckpointRetention retention) {
        this.registry = registry;
        this.retention = retention;
    }

    @Incoming(Channels.RUN_VIEW)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.RUN_REQUESTS -> registry.requested(JsonContracts.read(record.value(), RunRequest.class));
                case Topics.RUNS_STARTED -> registry.started(JsonContracts.read(record.value(), RunStartedEvent.class));
                case Topics.CHECKPOINTS -> registry.checkpoint(JsonContracts.read(record.value(), CheckpointEvent.class));
                case Topics.RUNS_ENDED -> registry.ended(JsonContracts.read(record.value(), RunEndedEvent.class));
                case Topics.ANALYSES -> {
                    AnalysisEvent analysis = JsonContracts.read(record.value(), AnalysisEvent.class);
                    retention.analysed(analysis.runId(), analysis.epoch());
                }
                default -> LOG.warnf("Unexpected topic %s on the run view", record.topic());
            }
        } catch (MalformedJsonException e) {
            LOG.warnf("Skipping a malformed record of %s (key %s): %s", record.topic(), record.key(), e.getMessage());
        }
    }
}
