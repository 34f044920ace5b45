package org.descentobservatory.analyzer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.MalformedJsonException;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.store.RetryingObjectStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The probe set of each run, read once from the store: a run's probe set is written once before its first
 * checkpoint and never changes, while every epoch of the run needs it. Keeps the most recently used runs only.
 */
@ApplicationScoped
public class ProbeSetCache {

    private final RetryingObjectStore store;
    private final Map<String, ProbeSet> byRun;

    public ProbeSetCache(RetryingObjectStore store, AnalyzerConfig config) {
        this.store = store;
        int capacity = config.analysis().probeSetCacheSize();
        this.byRun = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ProbeSet> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The run's probe set.
     *
     * @throws org.descentobservatory.store.MissingObjectException if the run has none stored
     * @throws CheckpointRejectedException if it breaks its schema or belongs to another run
     */
    public synchronized ProbeSet forRun(String runId) {
        ProbeSet cached = byRun.get(runId);
        if (cached != null) {
            return cached;
        }
        ProbeSet loaded = read(runId);
        byRun.put(runId, loaded);
        return loaded;
    }

    private ProbeSet read(String runId) {
        String key = ObjectKeys.probeSet(runId);
        ProbeSet probeSet;
        try {
            probeSet = JsonContracts.read(store.get(key), ProbeSet.class);
        } catch (MalformedJsonException e) {
            throw new CheckpointRejectedException("Probe set " + key + " is unusable: " + e.getMessage(), e);
        }
        if (!runId.equals(probeSet.runId())) {
            throw new CheckpointRejectedException("Probe set " + key + " belongs to run " + probeSet.runId());
        }
        return probeSet;
    }
}
