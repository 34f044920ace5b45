package org.descentobservatory.trainer.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    @Test
    void idsCarryTheUtcSecondAndFourHexDigitsAndMatchTheContractPattern() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String id = RunIds.next(Instant.parse("2026-11-27T09:05:03.999Z"), random);

            assertThat(id).matches("run-20261127-090503-[0-9a-f]{4}").matches(RunIds.PATTERN);
        }
    }
}
