package org.descentobservatory.trainer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.compute.SyntheticSentimentTask;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a run spec that one field's schema cannot state. Checked on the JSON tree so that they are reported
 * together with the schema's violations; a rule whose fields are not integers is skipped (the schema names those).
 */
final class RunSpecRules {

    /** {@code field ≤ bound}, with the reason in words. */
    private record AtMost(String field, String bound, String why) {
    }

    private static final List<AtMost> AT_MOST = List.of(
            new AtMost("probeCount", "testSize", "the probe set is the first probeCount test reviews"),
            new AtMost("batchSize", "trainSize", "an epoch must hold at least one full minibatch"));

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
        JsonNode vocabulary = spec.get("vocabularySize");
        if (isInteger(vocabulary) && vocabulary.longValue() < SyntheticSentimentTask.MIN_VOCABULARY) {
            violations.add(new SchemaViolation("$.vocabularySize", "must be at least "
                    + SyntheticSentimentTask.MIN_VOCABULARY + ": padding, the sentiment lexicon and a neutral token"));
        }
        return violations;
    }

    private static boolean isInteger(JsonNode node) {
        return node != null && node.isIntegralNumber();
    }
}
