package org.descentobservatory.trainer.storage;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.RetriesExhaustedException;
import org.descentobservatory.store.RetryingObjectStore;

/**
 * Writes a run's checkpoints and probe set to the S3-protocol store under {@link ObjectKeys}' layout. Every put
 * returns only once the store has acknowledged the whole object; puts and reads are retried with the trainer's
 * backoff ({@code observatory.trainer.retry.*}) and throw {@link RetriesExhaustedException} when the store stayed
 * away through every attempt. Deleting is best effort and not retried.
 */
@Startup
@ApplicationScoped
public class CheckpointStore {

    private static final String ZIP = "application/zip";
    private static final String JSON = "application/json";

    private final RetryingObjectStore store;
    private final ObjectStore once;

    public CheckpointStore(RetryingObjectStore store, ObjectStore once) {
        this.store = store;
        this.once = once;
    }

    /** Stores one epoch's checkpoint zip; returns its key. */
    public String putCheckpoint(String runId, int epoch, byte[] checkpoint) {
        String key = ObjectKeys.checkpoint(runId, epoch);
        store.put(key, checkpoint, ZIP);
        return key;
    }

    /**
     * One epoch's checkpoint zip, as stored by {@link #putCheckpoint}.
     *
     * @throws org.descentobservatory.store.MissingObjectException if the store has no such checkpoint
     * @throws RetriesExhaustedException                           if the store cannot be read
     */
    public byte[] getCheckpoint(String runId, int epoch) {
        return store.get(ObjectKeys.checkpoint(runId, epoch));
    }

    /**
     * Deletes one epoch's checkpoint zip (its stored event stays, as the record of what it was), once: retention
     * calls it from the run view's consumer, which must not wait out a store outage, and keeps what it cannot delete.
     *
     * @throws org.descentobservatory.store.StoreException if the store cannot be reached or refuses
     */
    public void deleteCheckpoint(String runId, int epoch) {
        once.delete(ObjectKeys.checkpoint(runId, epoch));
    }

    /** Stores a run's probe set as its contract's JSON; returns its key. */
    public String putProbeSet(ProbeSet probeSet) {
        String key = ObjectKeys.probeSet(probeSet.runId());
        store.put(key, JsonContracts.write(probeSet), JSON);
        return key;
    }
}
