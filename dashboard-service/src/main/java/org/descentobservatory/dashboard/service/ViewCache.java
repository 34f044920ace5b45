package org.descentobservatory.dashboard.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.descentobservatory.dashboard.domain.RunRegistry;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serialised API answers per run, reused until an event of the run changes it: a 10,000-epoch timeline is ~6 MB of
 * JSON, which takes longer to build and write than to send; between two epochs of a live run every reader gets the
 * same bytes. Keyed by run and request; at most {@link #CAPACITY} answers are kept (least recently used evicted).
 */
@Singleton
public class ViewCache {

    static final int CAPACITY = 32;

    private record Entry(long version, byte[] bytes) {
    }

    private final RunRegistry registry;
    private final ObjectMapper mapper;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public ViewCache(RunRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /**
     * The JSON of {@code view} for the run's current state, from the cache when no event changed the run since it
     * was written; empty if the run is unknown.
     *
     * @param request what distinguishes this answer from the run's others (path and query)
     */
    public Optional<byte[]> json(String runId, String request, Supplier<Object> view) {
        Optional<Long> version = registry.version(runId);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String key = runId + '\n' + request;
        synchronized (entries) {
            Entry cached = entries.get(key);
            if (cached != null && cached.version() == version.get()) {
                return Optional.of(cached.bytes());
            }
        }
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(view.get());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (entries) {
            entries.put(key, new Entry(version.get(), bytes));
        }
        return Optional.of(bytes);
    }
}
