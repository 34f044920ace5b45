package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RunSpecParserTest {

    @Test
    void emptyObjectIsTheDefaultSpec() {
        assertThat(parse("{}")).isEqualTo(DefaultRunSpec.SPEC);
    }

    @Test
    void givenFieldsOverrideTheDefaultsAndTheRestStay() {
        RunSpec spec = parse("{\"hiddenSize\": 8, \"epochs\": 3, \"labelNoise\": 0.1}");

        assertThat(spec.hiddenSize()).isEqualTo(8);
        assertThat(spec.epochs()).isEqualTo(3);
        assertThat(spec.labelNoise()).isEqualTo(0.1);
        assertThat(spec.vocabularySize()).isEqualTo(DefaultRunSpec.SPEC.vocabularySize());
        assertThat(spec.seed()).isEqualTo(DefaultRunSpec.SPEC.seed());
    }

    @Test
    void everyBadFieldIsNamedSchemaAndCrossFieldAlike() {
        InvalidRunSpecException e = invalid(
                "{\"hiddenSize\": -1, \"learningRate\": \"fast\", \"testSize\": 100, \"probeCount\": 101,"
                        + " \"trainSize\": 10, \"batchSize\": 11}");

        assertThat(e.violations()).extracting(SchemaViolation::field)
                .contains("$.hiddenSize", "$.learningRate", "$.probeCount", "$.batchSize");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        InvalidRunSpecException e = invalid("{\"hiddenSize\": 8, \"dropout\": 0.5}");

        assertThat(e.violations()).singleElement()
                .satisfies(v -> assertThat(v.field() + " " + v.message()).contains("dropout"));
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreRejected() {
        assertThat(invalid("hiddenSize=8").violations()).extracting(SchemaViolation::field).containsExactly("$");
        assertThat(invalid("[1, 2]").violations()).extracting(SchemaViolation::field).containsExactly("$");
        assertThat(invalid("").violations()).extracting(SchemaViolation::field).containsExactly("$");
    }

    private static RunSpec parse(String body) {
        return RunSpecParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidRunSpecException invalid(String body) {
        return catchThrowableOfType(InvalidRunSpecException.class, () -> parse(body));
    }
}
