package org.descentobservatory.e2e;

import org.descentobservatory.infra.ObservatoryStack;
import org.descentobservatory.infra.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/**
 * The {@link EndToEndScenario} as {@code bin/run} starts the observatory: a real Kafka broker, a real S3 store and
 * the three packaged services as separate processes on free ports. Needs nothing but Java and Maven.
 */
class EndToEndTest extends EndToEndScenario {

    private static ObservatoryStack stack;

    @BeforeAll
    static void startStack() {
        stack = ObservatoryStack.start(StackOptions.freePorts(Path.of("target", "e2e-work").toAbsolutePath()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    ObservatoryEndpoints endpoints() {
        return new ObservatoryEndpoints(stack.trainerUrl(), stack.analyzerUrl(), stack.dashboardUrl());
    }
}
