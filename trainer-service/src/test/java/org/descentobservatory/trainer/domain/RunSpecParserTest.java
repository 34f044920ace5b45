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
    void thePresetIsTheBaseAndTheBodysOtherFieldsOverrideIt() {
        assertThat(parse("{\"preset\": \"cpu-small\"}")).isEqualTo(DefaultRunSpec.SPEC);

        RunSpec spec = parse("{\"preset\": \"cpu-small\", \"architecture\": \"simple-rnn\", \"paddingSide\": \"post\","
                + " \"adamEpsilon\": 1e-8, \"gradientClipping\": 5.0, \"epochs\": 4}");

        assertThat(spec.architecture()).isEqualTo(RunSpec.SIMPLE_RNN);
        assertThat(spec.paddingSide()).isEqualTo(RunSpec.PADDING_POST);
        assertThat(spec.adamEpsilon()).isEqualTo(1e-8);
        assertThat(spec.gradientClipping()).isEqualTo(5.0);
        assertThat(spec.epochs()).isEqualTo(4);
        assertThat(spec.hiddenSize()).isEqualTo(DefaultRunSpec.SPEC.hiddenSize());
    }

    @Test
    void theDefaultPresetIsTheLstmWithFrontPaddingKerasEpsilonAndNoClipping() {
        RunSpec spec = parse("{}");

        assertThat(RunSpecPresets.find(RunSpecPresets.DEFAULT)).contains(spec);
        assertThat(spec.architecture()).isEqualTo(RunSpec.LSTM);
        assertThat(spec.paddingSide()).isEqualTo(RunSpec.PADDING_PRE);
        assertThat(spec.adamEpsilon()).isEqualTo(1e-7);
        assertThat(spec.gradientClipping()).isNull();
        assertThat(parse("{\"gradientClipping\": null}").gradientClipping()).isNull();
    }

    @Test
    void anUnknownPresetIsNamedTogetherWithTheOtherBadFields() {
        InvalidRunSpecException e = invalid("{\"preset\": \"paper-imdb\", \"hiddenSize\": 0}");

        assertThat(e.violations()).extracting(SchemaViolation::field)
                .containsExactlyInAnyOrder("$.preset", "$.hiddenSize");
        assertThat(e.violations()).filteredOn(v -> v.field().equals("$.preset")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("paper-imdb", "cpu-small"));
        assertThat(invalid("{\"preset\": 7}").violations()).extracting(SchemaViolation::field)
                .containsExactly("$.preset");
    }

    @Test
    void badArchitecturePaddingSideEpsilonAndClippingAreNamed() {
        InvalidRunSpecException e = invalid("{\"architecture\": \"gru\", \"paddingSide\": \"middle\","
                + " \"adamEpsilon\": 0, \"gradientClipping\": -1}");

        assertThat(e.violations()).extracting(SchemaViolation::field)
                .contains("$.architecture", "$.paddingSide", "$.adamEpsilon", "$.gradientClipping");
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
