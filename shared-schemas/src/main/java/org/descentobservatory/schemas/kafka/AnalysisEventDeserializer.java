package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.AnalysisEvent;

/** Kafka deserializer of {@link AnalysisEvent}. */
public class AnalysisEventDeserializer extends EventDeserializer<AnalysisEvent> {

    public AnalysisEventDeserializer() {
        super(AnalysisEvent.class);
    }
}
