package org.descentobservatory.analyzer.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.store.MissingObjectException;
import org.descentobservatory.store.RetryingObjectStore;

import java.util.Optional;

/**
 * The checkpoint events the trainer stores next to each checkpoint before publishing them
 * ({@link ObjectKeys#checkpointEvent}), as published: how adaptive refinement gets a skipped epoch's event when a
 * bisection needs it, without holding it in memory.
 */
@ApplicationScoped
public class StoredCheckpointEvents {

    private final RetryingObjectStore store;

    public StoredCheckpointEvents(RetryingObjectStore store) {
        this.store = store;
    }

    /**
     * The event of the run's checkpoint of {@code epoch}; empty if the run has no checkpoint of that epoch.
     *
     * @throws org.descentobservatory.store.RetriesExhaustedException if the store stayed away
     * @throws org.descentobservatory.schemas.MalformedJsonException  if the stored event is not a valid one
     */
    public Optional<CheckpointEvent> find(String runId, int epoch) {
        try {
            return Optional.of(JsonContracts.read(store.get(ObjectKeys.checkpointEvent(runId, epoch)),
                    CheckpointEvent.class));
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }
}
