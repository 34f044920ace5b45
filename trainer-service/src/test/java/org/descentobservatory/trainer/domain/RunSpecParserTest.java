package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
        InvalidRunSpecException e = invalid("{\"preset\": \"paper-mnist\", \"hiddenSize\": 0}");

        assertThat(e.violations()).extracting(SchemaViolation::field)
                .containsExactlyInAnyOrder("$.preset", "$.hiddenSize");
        assertThat(e.violations()).filteredOn(v -> v.field().equals("$.preset")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("paper-mnist", "cpu-small", "paper-imdb",
                        "lorenz-small"));
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

    @Test
    void thePaperPresetIsThePapersSetupOnIMDb() {
        RunSpec spec = parse("{\"preset\": \"paper-imdb\"}");

        assertThat(spec).isEqualTo(PaperImdbRunSpec.SPEC);
        assertThat(spec.task()).isEqualTo(RunSpec.IMDB);
        assertThat(List.of(spec.embeddingSize(), spec.hiddenSize(), spec.batchSize(), spec.sequenceLength(),
                spec.epochs(), spec.checkpointInterval())).containsExactly(32, 60, 32, 500, 10_000, 1);
        assertThat(spec.optimizer()).isEqualTo(RunSpec.ADAM);
        assertThat(spec.learningRate()).isEqualTo(5e-4);
        assertThat(spec.trainFraction()).isEqualTo(0.7);
        assertThat(spec.trainSize() + spec.testSize()).isEqualTo(50_000);
        assertThat(spec.trainSize()).isEqualTo(35_000);
        assertThat(spec.labelNoise()).isZero();
        assertThat(spec.datasetSource()).isEqualTo("aclImdb_v1.tar.gz");
    }

    @Test
    void theLorenzPresetForecastsWithoutADataset() {
        RunSpec spec = parse("{\"preset\": \"lorenz-small\"}");

        assertThat(spec).isEqualTo(LorenzSmallRunSpec.SPEC);
        assertThat(spec.task()).isEqualTo(RunSpec.LORENZ63);
        assertThat(spec.samplingStep()).isEqualTo(0.05);
        assertThat(spec.datasetSource()).isNull();
    }

    @Test
    void optimizerAndCheckpointIntervalAreChosenAndRangeChecked() {
        RunSpec spec = parse("{\"optimizer\": \"rmsprop\", \"learningRate\": 0.01, \"checkpointInterval\": 5}");

        assertThat(spec.optimizer()).isEqualTo(RunSpec.RMSPROP);
        assertThat(spec.learningRate()).isEqualTo(0.01);
        assertThat(spec.checkpointInterval()).isEqualTo(5);
        assertThat(parse("{\"optimizer\": \"sgd\"}").optimizer()).isEqualTo(RunSpec.SGD);
        assertThat(invalid("{\"optimizer\": \"adagrad\", \"checkpointInterval\": 0}").violations())
                .extracting(SchemaViolation::field).containsExactlyInAnyOrder("$.optimizer", "$.checkpointInterval");
    }

    @Test
    void aTasksOwnFieldsAreRequiredByItAndRefusedByTheOthers() {
        assertThat(invalid("{\"task\": \"imdb\"}").violations()).extracting(SchemaViolation::field)
                .containsExactly("$.datasetSource");
        assertThat(invalid("{\"task\": \"lorenz63\"}").violations()).extracting(SchemaViolation::field)
                .containsExactly("$.samplingStep");
        InvalidRunSpecException e = invalid("{\"trainFraction\": 0.7, \"datasetSource\": \"aclImdb\","
                + " \"samplingStep\": 0.01}");
        assertThat(e.violations()).extracting(SchemaViolation::field)
                .containsExactlyInAnyOrder("$.trainFraction", "$.datasetSource", "$.samplingStep");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).contains("only"));
        assertThat(invalid("{\"preset\": \"paper-imdb\", \"trainFraction\": 1.0}").violations())
                .extracting(SchemaViolation::field).containsExactly("$.trainFraction");
    }

    @Test
    void aDatasetUrlMustBeHttpOrHttpsAnArchiveAndComeWithItsChecksum() {
        String sha = "0".repeat(64);

        assertThat(parse("{\"preset\": \"paper-imdb\", \"datasetSource\": \"https://example.org/aclImdb_v1.tar.gz\","
                + " \"datasetSha256\": \"" + sha + "\"}").datasetSha256()).isEqualTo(sha);
        assertThat(parse("{\"preset\": \"paper-imdb\", \"datasetSource\": \"sub/aclImdb\"}").datasetSource())
                .isEqualTo("sub/aclImdb");
        for (String scheme : List.of("ftp", "file", "jar")) {
            InvalidRunSpecException e = invalid("{\"preset\": \"paper-imdb\", \"datasetSource\": \"" + scheme
                    + "://example.org/aclImdb_v1.tar.gz\", \"datasetSha256\": \"" + sha + "\"}");
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("$.datasetSource");
                assertThat(v.message()).contains("http", scheme);
            });
        }
        assertThat(invalid("{\"preset\": \"paper-imdb\", \"datasetSource\": \"https://example.org/aclImdb_v1.tar.gz\"}")
                .violations()).extracting(SchemaViolation::field).containsExactly("$.datasetSha256");
        assertThat(invalid("{\"preset\": \"paper-imdb\", \"datasetSource\": \"https://example.org/reviews\","
                + " \"datasetSha256\": \"" + sha + "\"}").violations()).extracting(SchemaViolation::field)
                .containsExactly("$.datasetSource");
        assertThat(invalid("{\"preset\": \"paper-imdb\", \"datasetSource\": \"aclImdb\", \"datasetSha256\": \""
                + sha + "\"}").violations()).extracting(SchemaViolation::field).containsExactly("$.datasetSha256");
        assertThat(invalid("{\"preset\": \"paper-imdb\", \"datasetSha256\": \"ABC\"}").violations())
                .extracting(SchemaViolation::field).containsExactly("$.datasetSha256");
    }

    private static RunSpec parse(String body) {
        return RunSpecParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidRunSpecException invalid(String body) {
        return catchThrowableOfType(InvalidRunSpecException.class, () -> parse(body));
    }
}
