package org.descentobservatory.schemas.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSerdeTest {

    private final CheckpointEvent event = CheckpointEvent.of("run-1", 3, 0.5, 0.6, 0.7, null, 0.5, 0.9,
            0.3, 0.8, Map.of("0_W", 1.0), ObjectKeys.checkpoint("run-1", 3),
            "a".repeat(64), 100L, 10L, Instant.parse("2026-11-27T00:00:00Z"));

    @Test
    void serializerAndDeserializerRoundTrip() {
        byte[] bytes = new EventSerializer().serialize(Topics.CHECKPOINTS, event);

        assertThat(new CheckpointEventDeserializer().deserialize(Topics.CHECKPOINTS, bytes)).isEqualTo(event);
        assertThat(Topics.keyOf(event)).isEqualTo("run-1");
    }

    @Test
    void malformedRecordNamesTopicAndViolation() {
        byte[] bytes = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CheckpointEventDeserializer().deserialize(Topics.CHECKPOINTS, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Topics.CHECKPOINTS)
                .hasMessageContaining("runId");
    }

    @Test
    void eventOfAnotherTypeIsRejected() {
        byte[] bytes = new EventSerializer().serialize(Topics.CHECKPOINTS, event);

        assertThatThrownBy(() -> new AnalysisEventDeserializer().deserialize(Topics.ANALYSES, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("AnalysisEvent");
    }

    @Test
    void nullValuesStayNull() {
        assertThat(new EventSerializer().serialize(Topics.CHECKPOINTS, null)).isNull();
        assertThat(new RunEndedEventDeserializer().deserialize(Topics.RUNS_ENDED, null)).isNull();
    }
}
