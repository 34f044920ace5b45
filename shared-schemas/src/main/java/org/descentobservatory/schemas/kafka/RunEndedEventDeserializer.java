package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.RunEndedEvent;

/** Kafka deserializer of {@link RunEndedEvent}. */
public class RunEndedEventDeserializer extends EventDeserializer<RunEndedEvent> {

    public RunEndedEventDeserializer() {
        super(RunEndedEvent.class);
    }
}
