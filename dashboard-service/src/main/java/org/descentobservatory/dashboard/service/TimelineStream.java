package org.descentobservatory.dashboard.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.inject.Singleton;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.dashboard.domain.TimelineRow;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live rows: every row a checkpoint or analysis changes is pushed to the subscribers of its run (the page's
 * server-sent-event stream). A subscriber gets the rows that change after it subscribed; it reads the timeline once
 * first for what came before.
 */
@Singleton
public class TimelineStream {

    private final Map<String, Set<MultiEmitter<? super TimelineRow>>> subscribers = new ConcurrentHashMap<>();

    public TimelineStream(RunRegistry registry) {
        registry.onRowChanged(this::publish);
    }

    /** The run's changed rows from now on, until the subscriber cancels. */
    public Multi<TimelineRow> rows(String runId) {
        return Multi.createFrom().emitter(emitter -> {
            Set<MultiEmitter<? super TimelineRow>> ofRun =
                    subscribers.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet());
            ofRun.add(emitter);
            emitter.onTermination(() -> ofRun.remove(emitter));
        });
    }

    private void publish(String runId, TimelineRow row) {
        Set<MultiEmitter<? super TimelineRow>> ofRun = subscribers.get(runId);
        if (ofRun == null) {
            return;
        }
        for (MultiEmitter<? super TimelineRow> emitter : ofRun) {
            synchronized (emitter) {
                emitter.emit(row);
            }
        }
    }
}
