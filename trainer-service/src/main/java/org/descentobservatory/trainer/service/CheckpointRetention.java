package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.storage.CheckpointStore;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Optional checkpoint retention ({@code observatory.trainer.retention.keep-every} = k): a run keeps the checkpoint of
 * every k-th epoch and its latest; every other checkpoint is deleted once both (a) a later epoch of the run has been
 * published and (b) the analyzer has published its analysis, whichever comes last. So the analyzer never finds a
 * checkpoint gone that it has not finished, and resuming always finds the latest. A checkpoint whose analysis comes
 * after this replica stopped training the run stays (it is only storage). The epochs a resumed run inherits from
 * its previous replica are looked at back to {@value #RESUME_LOOKBACK} epochs before the resume point.
 * Thread-safe: runs' threads report epochs, the run-view listener reports analyses.
 */
@ApplicationScoped
public class CheckpointRetention {

    private static final Logger LOG = Logger.getLogger(CheckpointRetention.class);
    /** How far back a resumed run looks for checkpoints its previous replica had not deleted yet. */
    static final int RESUME_LOOKBACK = 100;

    private final CheckpointStore store;
    private final OptionalInt keepEvery;
    /** Per run trained here: superseded epochs not kept, waiting for their analysis. */
    private final Map<String, Set<Integer>> superseded = new HashMap<>();
    /** Per run (also those of other replicas, which this one may resume): analysed epochs not superseded yet. */
    private final Map<String, Set<Integer>> analysed = new HashMap<>();

    @Inject
    public CheckpointRetention(CheckpointStore store, TrainerConfig config) {
        this(store, config.trainer().retention().keepEvery());
    }

    CheckpointRetention(CheckpointStore store, OptionalInt keepEvery) {
        this.store = store;
        this.keepEvery = keepEvery;
        if (keepEvery.isPresent() && keepEvery.getAsInt() < 1) {
            throw new IllegalArgumentException("observatory.trainer.retention.keep-every must be at least 1, is "
                    + keepEvery.getAsInt());
        }
    }

    /** A run starts or resumes here after {@code lastEpoch} published epochs. */
    public void tracking(String runId, int lastEpoch) {
        if (keepEvery.isEmpty()) {
            return;
        }
        synchronized (this) {
            superseded.putIfAbsent(runId, new HashSet<>());
        }
        for (int epoch = Math.max(1, lastEpoch - RESUME_LOOKBACK); epoch < lastEpoch; epoch++) {
            supersede(runId, epoch);
        }
    }

    /** Epoch {@code epoch} of a run trained here is published: the one before it is no longer the latest. */
    public void published(String runId, int epoch) {
        if (epoch > 1) {
            supersede(runId, epoch - 1);
        }
    }

    /** The run is no longer trained here. */
    public synchronized void untracking(String runId) {
        superseded.remove(runId);
    }

    /** The analyzer is done with one checkpoint (its AnalysisEvent was published). */
    public void analysed(String runId, int epoch) {
        if (keepEvery.isEmpty()) {
            return;
        }
        boolean delete;
        synchronized (this) {
            Set<Integer> waiting = superseded.get(runId);
            delete = waiting != null && waiting.remove(epoch);
            if (!delete) {
                analysed.computeIfAbsent(runId, id -> new HashSet<>()).add(epoch);
            }
        }
        if (delete) {
            delete(runId, epoch);
        }
    }

    private void supersede(String runId, int epoch) {
        if (keepEvery.isEmpty() || epoch % keepEvery.getAsInt() == 0) {
            return;
        }
        boolean delete;
        synchronized (this) {
            Set<Integer> waiting = superseded.get(runId);
            if (waiting == null) {
                return;
            }
            Set<Integer> done = analysed.get(runId);
            delete = done != null && done.remove(epoch);
            if (!delete) {
                waiting.add(epoch);
            }
        }
        if (delete) {
            delete(runId, epoch);
        }
    }

    private void delete(String runId, int epoch) {
        try {
            store.deleteCheckpoint(runId, epoch);
            LOG.debugf("Run %s: deleted the checkpoint of epoch %d (analysed, not kept)", runId, epoch);
        } catch (RuntimeException e) {
            LOG.warnf("Run %s: cannot delete the checkpoint of epoch %d, keeping it: %s", runId, epoch,
                    e.getMessage());
        }
    }
}
