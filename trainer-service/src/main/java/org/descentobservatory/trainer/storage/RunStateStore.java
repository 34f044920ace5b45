package org.descentobservatory.trainer.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.RunControl;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.store.RetryingObjectStore;
import org.descentobservatory.trainer.domain.RunManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What a run needs to survive its trainer: its manifest, each epoch's checkpoint event as stored before it is
 * published, and a pending cancel request, under {@link ObjectKeys}' layout. Whole-object puts are atomic in S3, so
 * a reader sees either the previous or the new version of a manifest, never a torn one. Every request is retried with
 * the trainer's backoff ({@code observatory.trainer.retry.*}) and throws
 * {@link org.descentobservatory.store.RetriesExhaustedException} when the store stayed away through every attempt.
 */
@Startup
@ApplicationScoped
public class RunStateStore {

    private static final String JSON = "application/json";

    private final RetryingObjectStore store;

    public RunStateStore(RetryingObjectStore store) {
        this.store = store;
    }

    public void putManifest(RunManifest manifest) {
        store.put(ObjectKeys.runManifest(manifest.runId()), JsonContracts.write(manifest), JSON);
    }

    /** The run's manifest; empty when no trainer has started the run yet. */
    public Optional<RunManifest> findManifest(String runId) {
        return find(ObjectKeys.runManifest(runId)).map(bytes -> {
            try {
                return JsonContracts.mapper().readValue(bytes, RunManifest.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt manifest of run " + runId + ": " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Stores the event exactly as it will be published, so that a resumed run can publish it unchanged. */
    public void putCheckpointEvent(CheckpointEvent event) {
        store.put(ObjectKeys.checkpointEvent(event.runId(), event.epoch()), JsonContracts.write(event), JSON);
    }

    public Optional<CheckpointEvent> findCheckpointEvent(String runId, int epoch) {
        return find(ObjectKeys.checkpointEvent(runId, epoch))
                .map(bytes -> JsonContracts.read(bytes, CheckpointEvent.class));
    }

    public void putCancelRequest(RunControl cancel) {
        store.put(ObjectKeys.cancelRequest(cancel.runId()), JsonContracts.write(cancel), JSON);
    }

    /** The cancel request of the run; empty when none was made. */
    public Optional<RunControl> findCancelRequest(String runId) {
        return find(ObjectKeys.cancelRequest(runId)).map(bytes -> JsonContracts.read(bytes, RunControl.class));
    }

    private Optional<byte[]> find(String key) {
        try {
            return Optional.of(store.get(key));
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }
}
