package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.RunControl;
import org.descentobservatory.schemas.RunRequest;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.domain.RunIds;
import org.descentobservatory.trainer.domain.RunSnapshot;
import org.descentobservatory.trainer.storage.RunStateStore;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns accepted HTTP requests into records: run requests for the trainers' consumer group, cancel commands for the
 * replica training the run. Blocking (it awaits the broker's acks): call from a worker thread.
 */
@ApplicationScoped
public class RunRequests {

    private static final Logger LOG = Logger.getLogger(RunRequests.class);

    private final RunEventPublisher publisher;
    private final RunRegistry registry;
    private final RunStateStore state;
    private final RunTasks tasks;

    public RunRequests(RunEventPublisher publisher, RunRegistry registry, RunStateStore state, RunTasks tasks) {
        this.publisher = publisher;
        this.registry = registry;
        this.state = state;
        this.tasks = tasks;
    }

    /**
     * Requests one run per spec, under fresh run ids, spread round-robin over the request topic's partitions from a
     * random one (so over the replicas owning them); a sweep's runs share {@code sweepId}.
     *
     * @param sweepId null for a single run
     * @return the runs, queued, in the order of {@code specs}
     * @throws org.descentobservatory.trainer.domain.InvalidRunSpecException when a spec's dataset is not usable here
     *                                                                      (nothing is requested then)
     */
    public List<RunSnapshot> submit(List<RunSpec> specs, String sweepId) {
        specs.forEach(tasks::requireSubmittable);
        Instant now = Instant.now();
        int partitions = publisher.requestPartitions();
        int first = ThreadLocalRandom.current().nextInt(partitions);
        List<RunSnapshot> runs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RunRequest request = RunRequest.of(freshRunId(now), specs.get(i), sweepId, now);
            publisher.request(request, (first + i) % partitions);
            registry.requested(request);
            runs.add(registry.find(request.runId()).orElseThrow());
            LOG.infof("Run %s requested%s", request.runId(), sweepId == null ? "" : " (sweep " + sweepId + ")");
        }
        return runs;
    }

    /** A new id for a sweep. */
    public String freshSweepId() {
        return "sweep" + RunIds.next(Instant.now(), ThreadLocalRandom.current()).substring("run".length());
    }

    /**
     * Asks for the run to be cancelled: stores the request with the run (for a replica that picks the run up later)
     * and broadcasts it to the replicas (for the one training it now).
     *
     * @return the run as known before the cancel; empty when unknown
     * @throws RunAlreadyEndedException if the run has ended
     */
    public Optional<RunSnapshot> cancel(String runId, String reason) {
        Optional<RunSnapshot> run = registry.find(runId);
        if (run.isEmpty()) {
            return run;
        }
        if (run.get().hasEnded()) {
            throw new RunAlreadyEndedException(run.get());
        }
        RunControl cancel = RunControl.cancel(runId, reason, Instant.now());
        state.putCancelRequest(cancel);
        publisher.control(cancel);
        LOG.infof("Run %s: cancel requested%s", runId, reason == null ? "" : " (" + reason + ")");
        return run;
    }

    private String freshRunId(Instant now) {
        while (true) {
            String runId = RunIds.next(now, ThreadLocalRandom.current());
            if (registry.find(runId).isEmpty()) {
                return runId;
            }
        }
    }
}
