package org.descentobservatory.schemas.kafka;

import org.descentobservatory.schemas.RunControl;

/** Kafka deserializer of {@link RunControl}. */
public class RunControlDeserializer extends EventDeserializer<RunControl> {

    public RunControlDeserializer() {
        super(RunControl.class);
    }
}
