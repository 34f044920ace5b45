package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.RunStartedEvent;

/** Kafka deserializer of {@link RunStartedEvent}. */
public class RunStartedEventDeserializer extends EventDeserializer<RunStartedEvent> {

    public RunStartedEventDeserializer() {
        super(RunStartedEvent.class);
    }
}
