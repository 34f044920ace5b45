package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.RunRequest;

/** Kafka deserializer of {@link RunRequest}. */
public class RunRequestDeserializer extends EventDeserializer<RunRequest> {

    public RunRequestDeserializer() {
        super(RunRequest.class);
    }
}
