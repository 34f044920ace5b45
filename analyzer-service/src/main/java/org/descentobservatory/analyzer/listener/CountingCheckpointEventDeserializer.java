package org.descentobservatory.analyzer.listener;

import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.errors.SerializationException;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.kafka.CheckpointEventDeserializer;

/**
 * The checkpoint deserializer of the incoming channel, counting malformed records in
 * {@link CheckpointListener#DEAD_LETTERS}: such records never reach the listener (the connector sends them to the
 * dead-letter topic itself), so this is the only place that sees them. Kafka instantiates it by class name, outside
 * CDI, hence Micrometer's global registry, to which Quarkus adds its own.
 */
public class CountingCheckpointEventDeserializer extends CheckpointEventDeserializer {

    /** The reason tag of malformed records. */
    public static final String MALFORMED = "MalformedCheckpointEvent";

    @Override
    public CheckpointEvent deserialize(String topic, byte[] data) {
        try {
            return super.deserialize(topic, data);
        } catch (SerializationException e) {
            Metrics.globalRegistry.counter(CheckpointListener.DEAD_LETTERS, "reason", MALFORMED).increment();
            throw e;
        }
    }
}
