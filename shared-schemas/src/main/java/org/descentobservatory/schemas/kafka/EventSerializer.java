package org.descentobservatory.schemas.kafka;

import org.apache.kafka.common.serialization.Serializer;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObservatoryEvent;

/** Writes any observatory event as its contract's JSON. */
public class EventSerializer implements Serializer<ObservatoryEvent> {

    @Override
    public byte[] serialize(String topic, ObservatoryEvent event) {
        return event == null ? null : JsonContracts.write(event);
    }
}
