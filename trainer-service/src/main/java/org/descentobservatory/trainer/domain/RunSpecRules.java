package org.descentobservatory.trainer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.compute.SyntheticSentimentTask;
import org.descentobservatory.trainer.compute.task.imdb.DatasetSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a run spec that one field's schema cannot state. Checked on the JSON tree so that they are reported
 * together with the schema's violations; a rule whose fields have the wrong type is skipped (the schema names those).
 * <ul>
 *   <li>{@code probeCount ≤ testSize}, {@code batchSize ≤ trainSize};</li>
 *   <li>a task's own fields: {@code trainFraction}, {@code datasetSource}, {@code datasetSha256} belong to
 *       {@value RunSpec#IMDB} and {@code samplingStep} to {@value RunSpec#LORENZ63}, and must be null for the other
 *       tasks; {@code datasetSource} and {@code samplingStep} are required by theirs;</li>
 *   <li>{@code datasetSource}: only http and https URLs, only archives by URL, a checksum for every URL and none
 *       for a folder (see {@link DatasetSource#violations()}); whether a path stays inside the data folder needs the
 *       trainer's configuration and is checked at submission by the trainer;</li>
 *   <li>{@value RunSpec#LORENZ63}: at most {@link #MAX_LORENZ_SAMPLES} samples;</li>
 *   <li>{@value RunSpec#SYNTHETIC_SENTIMENT}: a vocabulary that holds the padding token, the lexicon and a neutral
 *       token.</li>
 * </ul>
 */
final class RunSpecRules {

    /** {@code field ≤ bound}, with the reason in words. */
    private record AtMost(String field, String bound, String why) {
    }

    private static final List<AtMost> AT_MOST = List.of(
            new AtMost("probeCount", "testSize", "the probe set is the first probeCount test reviews"),
            new AtMost("batchSize", "trainSize", "an epoch must hold at least one full minibatch"));

    /** A field that only {@code task} uses; {@code required} when that task cannot do without it. */
    private record TaskField(String name, String task, boolean required) {
    }

    private static final List<TaskField> TASK_FIELDS = List.of(
            new TaskField("trainFraction", RunSpec.IMDB, false),
            new TaskField("datasetSource", RunSpec.IMDB, true),
            new TaskField("datasetSha256", RunSpec.IMDB, false),
            new TaskField("samplingStep", RunSpec.LORENZ63, true));

    /** The most Lorenz-63 samples a run holds (3 doubles each, about 0.5 GB with the network's copies at this bound). */
    static final long MAX_LORENZ_SAMPLES = 10_000_000;

    private RunSpecRules() {
    }

    static List<SchemaViolation> violations(JsonNode spec) {
        List<SchemaViolation> violations = new ArrayList<>();
        for (AtMost rule : AT_MOST) {
            JsonNode value = spec.get(rule.field());
            JsonNode bound = spec.get(rule.bound());
            if (isInteger(value) && isInteger(bound) && value.longValue() > bound.longValue()) {
                violations.add(new SchemaViolation("$." + rule.field(), "must be at most " + rule.bound() + " ("
                        + bound.longValue() + ") because " + rule.why()));
            }
        }
        String task = spec.path("task").asText("");
        for (TaskField field : TASK_FIELDS) {
            boolean given = spec.hasNonNull(field.name());
            if (task.equals(field.task()) && field.required() && !given) {
                violations.add(new SchemaViolation("$." + field.name(), "is required for task " + task));
            } else if (!task.equals(field.task()) && given) {
                violations.add(new SchemaViolation("$." + field.name(), "applies to task " + field.task()
                        + " only; must be null for task " + task));
            }
        }
        if (task.equals(RunSpec.IMDB) && spec.path("datasetSource").isTextual()) {
            JsonNode checksum = spec.get("datasetSha256");
            DatasetSource source = DatasetSource.parse(spec.get("datasetSource").textValue(),
                    checksum != null && checksum.isTextual() ? checksum.textValue() : null);
            violations.addAll(source.violations());
        }
        if (task.equals(RunSpec.LORENZ63) && isInteger(spec.get("trainSize")) && isInteger(spec.get("testSize"))
                && isInteger(spec.get("sequenceLength"))) {
            long samples = (spec.get("trainSize").longValue() + spec.get("testSize").longValue())
                    * spec.get("sequenceLength").longValue();
            if (samples > MAX_LORENZ_SAMPLES) {
                violations.add(new SchemaViolation("$.trainSize", "(trainSize + testSize) · sequenceLength = "
                        + samples + " samples; at most " + MAX_LORENZ_SAMPLES + " are held in memory"));
            }
        }
        JsonNode vocabulary = spec.get("vocabularySize");
        if (task.equals(RunSpec.SYNTHETIC_SENTIMENT) && isInteger(vocabulary)
                && vocabulary.longValue() < SyntheticSentimentTask.MIN_VOCABULARY) {
            violations.add(new SchemaViolation("$.vocabularySize", "must be at least "
                    + SyntheticSentimentTask.MIN_VOCABULARY + ": padding, the sentiment lexicon and a neutral token"));
        }
        return violations;
    }

    private static boolean isInteger(JsonNode node) {
        return node != null && node.isIntegralNumber();
    }
}
