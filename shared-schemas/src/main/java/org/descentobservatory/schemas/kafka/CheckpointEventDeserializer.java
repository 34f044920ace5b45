package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.CheckpointEvent;

/** Kafka deserializer of {@link CheckpointEvent}. */
public class CheckpointEventDeserializer extends EventDeserializer<CheckpointEvent> {

    public CheckpointEventDeserializer() {
        super(CheckpointEvent.class);
    }
}
