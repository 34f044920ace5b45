package org.descentobservatory.trainer.rest;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.domain.InvalidRunSpecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SweepParserTest {

    @Test
    void seedsGiveOneRunEachSharingTheSpec() {
        List<RunSpec> runs = SweepParser.parse(bytes("{\"spec\": {\"epochs\": 7}, \"seeds\": [3, 1, 2]}"), 10);

        assertThat(runs).extracting(RunSpec::seed).containsExactly(3L, 1L, 2L);
        assertThat(runs).extracting(RunSpec::epochs).containsOnly(7);
    }

    @Test
    void specsGiveOneRunEach() {
        List<RunSpec> runs = SweepParser.parse(bytes("{\"specs\": [{\"hiddenSize\": 8}, {\"hiddenSize\": 16}]}"), 10);

        assertThat(runs).extracting(RunSpec::hiddenSize).containsExactly(8, 16);
    }

    @Test
    void everyBadFieldOfEveryRunIsNamed() {
        InvalidRunSpecException e = catchThrowableOfType(InvalidRunSpecException.class, () -> SweepParser.parse(
                bytes("{\"specs\": [{\"hiddenSize\": 0}, {\"epochs\": 3}, {\"colour\": \"red\"}]}"), 10));

        assertThat(e.violations()).extracting(SchemaViolation::field)
                .contains("$.specs[0].hiddenSize").anyMatch(field -> field.startsWith("$.specs[2]"))
                .noneMatch(field -> field.startsWith("$.specs[1]"));
    }

    @Test
    void badSeedsAndMixedFormsAreRefused() {
        assertThat(fields("{\"spec\": {\"seed\": 4}, \"seeds\": [1, 1, 2.5]}"))
                .contains("$.spec.seed", "$.seeds[1]", "$.seeds[2]");
        assertThat(fields("{\"spec\": {}, \"seeds\": [1], \"specs\": [{}]}")).contains("$");
        assertThat(fields("{\"seeds\": [1, 2, 3]}")).isEmpty();
        assertThat(fields("{\"spec\": {}, \"seeds\": [1, 2, 3]}")).isEmpty();
        assertThat(fields("{\"spec\": {}, \"seeds\": [1, 2, 3, 4]}")).containsExactly("$.seeds");
        assertThat(fields("[1]")).containsExactly("$");
    }

    /** The fields named by the violations, for a maximum of 3 runs; empty when the sweep is valid. */
    private static List<String> fields(String body) {
        try {
            SweepParser.parse(bytes(body), 3);
            return List.of();
        } catch (InvalidRunSpecException e) {
            return e.violations().stream().map(SchemaViolation::field).toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
