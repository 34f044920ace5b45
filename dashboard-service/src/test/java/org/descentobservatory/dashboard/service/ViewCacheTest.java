package org.descentobservatory.dashboard.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.dashboard.rest.TimelineView;
import org.descentobservatory.schemas.JsonContracts;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.descentobservatory.dashboard.Events.analysis;
import static org.descentobservatory.dashboard.Events.checkpoint;

class ViewCacheTest {

    private static final String RUN = "run-a";

    private final RunRegistry registry = new RunRegistry();
    private final ObjectMapper mapper = JsonContracts.mapper();
    private final ViewCache cache = new ViewCache(registry, mapper);

    @Test
    void theTimelineAssembledFromRowFragmentsIsExactlyTheSerialisedView() throws Exception {
        for (int epoch = 1; epoch <= 30; epoch++) {
            registry.apply(checkpoint(RUN, epoch));
            if (epoch % 3 != 0) {
                registry.apply(analysis(RUN, epoch, 1));
            }
        }
        assertThat(cache.timelineJson(RUN, null, null).orElseThrow())
                .isEqualTo(mapper.writeValueAsBytes(new TimelineView(RUN, registry.timeline(RUN).orElseThrow())));

        registry.apply(analysis(RUN, 3, 2));   // one row changes: its fragment is rewritten
        registry.apply(checkpoint(RUN, 31));   // one row appears
        assertThat(new String(cache.timelineJson(RUN, null, null).orElseThrow()))
                .isEqualTo(mapper.writeValueAsString(new TimelineView(RUN, registry.timeline(RUN).orElseThrow())));
        assertThat(new String(cache.timelineJson(RUN, 5, 9).orElseThrow())).isEqualTo(mapper.writeValueAsString(
                new TimelineView(RUN, registry.timeline(RUN).orElseThrow().subList(4, 9))));
        assertThat(cache.timelineJson("no-such-run", null, null)).isEmpty();
    }

    @Test
    void anAnswerIsBuiltAgainOnlyAfterTheRunChanged() {
        registry.apply(checkpoint(RUN, 1));
        AtomicInteger builds = new AtomicInteger();

        cache.json(RUN, "x", () -> builds.incrementAndGet());
        cache.json(RUN, "x", () -> builds.incrementAndGet());
        assertThat(builds).hasValue(1);

        registry.apply(checkpoint(RUN, 2));
        assertThat(new String(cache.json(RUN, "x", () -> builds.incrementAndGet()).orElseThrow())).isEqualTo("2");
    }
}
