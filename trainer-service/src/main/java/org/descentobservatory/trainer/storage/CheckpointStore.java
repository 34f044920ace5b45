package org.descentobservatory.trainer.storage;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.store.ObjectStore;
import org.descentobservatory.store.StoreException;

/**
 * Writes a run's checkpoints and probe set to the S3-protocol store under {@link ObjectKeys}' layout. Every put
 * returns only once the store has acknowledged the whole object, and throws {@link StoreException} otherwise.
 */
@Startup
@ApplicationScoped
public class CheckpointStore {

    private static final String ZIP = "application/zip";
    private static final String JSON = "application/json";

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
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
     * @throws StoreException                                      if the store cannot be read
     */
    public byte[] getCheckpoint(String runId, int epoch) {
        return store.get(ObjectKeys.checkpoint(runId, epoch));
    }

    /** Deletes one epoch's checkpoint zip (its stored event stays, as the record of what it was). */
    public void deleteCheckpoint(String runId, int epoch) {
        store.delete(ObjectKeys.checkpoint(runId, epoch));
    }

    /** Stores a run's probe set as its contract's JSON; returns its key. */
    public String putProbeSet(ProbeSet probeSet) {
        String key = ObjectKeys.probeSet(probeSet.runId());
        store.put(key, JsonContracts.write(probeSet), JSON);
        return key;
    }
}
