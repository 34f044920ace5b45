package org.descentobservatory.dashboard.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.dashboard.domain.StampedRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Bytes and the run version (or row stamp) they were written at. */
    private record Entry(long version, byte[] bytes) {
    }

    private final RunRegistry registry;
    private final ObjectMapper mapper;
    /** Per run, per epoch: the row's JSON and the stamp it was written at (a run's rows, ~6 MB at 10,000 epochs). */
    private final Map<String, Map<Integer, Entry>> rowFragments = new LinkedHashMap<>();
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
        return bytes(runId, request, () -> {
            try {
                return mapper.writeValueAsBytes(view.get());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The JSON of the run's whole timeline in [from, to] (the {@code TimelineView} of every row), built from each
     * row's cached JSON: after a new epoch only that epoch's row is serialised again, not the ~6 MB of a
     * 10,000-epoch run. Byte for byte what serialising the view would give.
     */
    public Optional<byte[]> timelineJson(String runId, Integer fromEpoch, Integer toEpoch) {
        return bytes(runId, "timeline?" + fromEpoch + "&" + toEpoch, () -> {
            List<StampedRow> rows = registry.stampedTimeline(runId).orElseThrow().stream()
                    .filter(r -> (fromEpoch == null || r.row().epoch() >= fromEpoch)
                            && (toEpoch == null || r.row().epoch() <= toEpoch)).toList();
            Map<Integer, Entry> fragments;
            synchronized (rowFragments) {
                fragments = rowFragments.computeIfAbsent(runId, id -> new ConcurrentHashMap<>());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 600 + 100);
            try {
                out.write(("{\"runId\":" + mapper.writeValueAsString(runId) + ",\"rowsInRange\":" + rows.size()
                        + ",\"downsampled\":false,\"rows\":[").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < rows.size(); i++) {
                    StampedRow row = rows.get(i);
                    Entry fragment = fragments.get(row.row().epoch());
                    if (fragment == null || fragment.version() != row.stamp()) {
                        fragment = new Entry(row.stamp(), mapper.writeValueAsBytes(row.row()));
                        fragments.put(row.row().epoch(), fragment);
                    }
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(fragment.bytes());
                }
                out.write("]}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    private Optional<byte[]> bytes(String runId, String request, Supplier<byte[]> build) {
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
        byte[] bytes = build.get();
        synchronized (entries) {
            entries.put(key, new Entry(version.get(), bytes));
        }
        return Optional.of(bytes);
    }
}
