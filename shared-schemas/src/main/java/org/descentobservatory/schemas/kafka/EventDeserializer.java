package org.descentobservatory.schemas.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.MalformedJsonException;
import org.descentobservatory.schemas.ObservatoryEvent;

/**
 * Reads one event type, validated against its schema. A malformed record raises a
 * {@link SerializationException} whose message names every violation and the topic.
 * Kafka instantiates deserializers by class name, hence one small subclass per event type.
 */
public abstract class EventDeserializer<T extends ObservatoryEvent> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return JsonContracts.read(data, type);
        } catch (MalformedJsonException e) {
            throw new SerializationException("On topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
