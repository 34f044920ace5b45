package org.descentobservatory.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonContractsTest {

    static Stream<Object> samples() {
        return Stream.of(SampleEvents.spec(), SampleEvents.runRequest(), SampleEvents.runControl(),
                SampleEvents.runStarted(), SampleEvents.checkpoint(),
                SampleEvents.analysis(), SampleEvents.runEnded(), SampleEvents.probeSet());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serialisedRecordsValidateAgainstTheirSchema(Object sample) {
        JsonNode tree = JsonContracts.mapper().valueToTree(sample);

        assertThat(JsonContracts.violations(tree, Contract.of(sample.getClass()))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writeThenReadGivesAnEqualRecord(Object sample) {
        Object back = JsonContracts.read(JsonContracts.write(sample), sample.getClass());

        if (sample instanceof ProbeSet probes) {
            assertThat(((ProbeSet) back).tokens()).isDeepEqualTo(probes.tokens());
        } else {
            assertThat(back).isEqualTo(sample);
        }
    }

    @ParameterizedTest
    @EnumSource(Contract.class)
    void schemaPropertiesAreExactlyTheRecordComponents(Contract contract) throws IOException {
        Set<String> components = Arrays.stream(contract.type().getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(schemaProperties(contract)).isEqualTo(components);
    }

    @Test
    void missingFieldIsNamed() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.checkpoint());
        tree.remove("sha256");

        assertThatThrownBy(() -> JsonContracts.read(bytes(tree), CheckpointEvent.class))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("CheckpointEvent")
                .hasMessageContaining("sha256");
    }

    @Test
    void everyViolationIsReportedWithItsField() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.spec());
        tree.put("hiddenSize", 0);
        tree.put("labelNoise", 0.9);
        tree.put("colour", "blue");

        var violations = JsonContracts.violations(tree, Contract.RUN_SPEC);

        assertThat(violations).extracting(SchemaViolation::field)
                .contains("$.hiddenSize", "$.labelNoise")
                .anySatisfy(field -> assertThat(field).contains("colour"));
    }

    @Test
    void specArchitecturePaddingAndOptimiserFieldsAreRangeChecked() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.spec());
        tree.put("architecture", "gru");
        tree.put("paddingSide", "middle");
        tree.put("adamEpsilon", 0.0);
        tree.put("gradientClipping", 0.0);

        assertThat(JsonContracts.violations(tree, Contract.RUN_SPEC)).extracting(SchemaViolation::field)
                .contains("$.architecture", "$.paddingSide", "$.adamEpsilon", "$.gradientClipping");
    }

    @Test
    void specWithoutClippingHasANullThresholdThatRoundTrips() {
        RunSpec sample = SampleEvents.spec();
        RunSpec unclipped = new RunSpec(sample.task(), sample.vocabularySize(), sample.embeddingSize(),
                sample.hiddenSize(), sample.sequenceLength(), sample.trainSize(), sample.testSize(),
                sample.labelNoise(), sample.learningRate(), sample.batchSize(), sample.epochs(), sample.seed(),
                sample.probeCount(), RunSpec.LSTM, RunSpec.PADDING_PRE, sample.adamEpsilon(), null, sample.optimizer(),
                sample.checkpointInterval(), sample.trainFraction(), sample.datasetSource(), sample.datasetSha256(),
                sample.samplingStep());
        JsonNode tree = JsonContracts.mapper().valueToTree(unclipped);

        assertThat(tree.get("gradientClipping").isNull()).isTrue();
        assertThat(JsonContracts.read(JsonContracts.write(unclipped), RunSpec.class)).isEqualTo(unclipped);
        ((ObjectNode) tree).remove("gradientClipping");
        assertThat(JsonContracts.violations(tree, Contract.RUN_SPEC)).extracting(SchemaViolation::field)
                .anySatisfy(field -> assertThat(field).contains("gradientClipping"));
    }

    @Test
    void wrongTypeIsRejected() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.analysis());
        tree.put("epoch", "seven");

        assertThatThrownBy(() -> JsonContracts.read(bytes(tree), AnalysisEvent.class))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("$.epoch");
    }

    @Test
    void notJsonIsRejectedClearly() {
        byte[] garbage = "{\"runId\": ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonContracts.read(garbage, RunEndedEvent.class))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> JsonContracts.read(new byte[0], RunEndedEvent.class))
                .hasMessageContaining("empty document");
    }

    @Test
    void failedRunNeedsAReason() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.runEnded());
        tree.putNull("reason");

        assertThat(JsonContracts.violations(tree, Contract.RUN_ENDED)).isNotEmpty();
        tree.put("status", "COMPLETED");
        assertThat(JsonContracts.violations(tree, Contract.RUN_ENDED)).isEmpty();
    }

    @Test
    void runIdsThatCannotBeKeysOrPathsAreRejected() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.runStarted());
        tree.put("runId", "../etc");

        assertThat(JsonContracts.violations(tree, Contract.RUN_STARTED))
                .extracting(SchemaViolation::field).contains("$.runId");
    }

    @Test
    void nestedSpecIsValidatedInsideRunStarted() {
        ObjectNode tree = JsonContracts.mapper().valueToTree(SampleEvents.runStarted());
        ((ObjectNode) tree.get("spec")).put("batchSize", -1);

        assertThat(JsonContracts.violations(tree, Contract.RUN_STARTED))
                .extracting(SchemaViolation::field).contains("$.spec.batchSize");
    }

    private static byte[] bytes(JsonNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> schemaProperties(Contract contract) throws IOException {
        try (InputStream in = JsonContracts.class.getClassLoader()
                .getResourceAsStream(Contract.CLASSPATH_FOLDER + contract.schemaFile())) {
            Set<String> names = new TreeSet<>();
            Iterator<String> it = JsonContracts.mapper().readTree(in).get("properties").fieldNames();
            it.forEachRemaining(names::add);
            return names;
        }
    }
}
