package org.descentobservatory.trainer.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descentobservatory.schemas.Contract;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into a {@link RunSpec}: the body is a JSON object holding any subset of the spec's fields,
 * merged field by field over {@link DefaultRunSpec#SPEC} ({@code {}} is the default run). The merged document must
 * pass the RunSpec schema (so unknown fields are rejected) and {@link RunSpecRules}; otherwise every violation is
 * reported at once.
 */
public final class RunSpecParser {

    private RunSpecParser() {
    }

    /** @throws InvalidRunSpecException naming every bad field */
    public static RunSpec parse(byte[] body) {
        ObjectNode merged = JsonContracts.mapper().valueToTree(DefaultRunSpec.SPEC);
        merged.setAll(overrides(body));
        List<SchemaViolation> violations = new ArrayList<>(JsonContracts.violations(merged, Contract.RUN_SPEC));
        violations.addAll(RunSpecRules.violations(merged));
        if (!violations.isEmpty()) {
            throw new InvalidRunSpecException(violations);
        }
        return JsonContracts.read(merged, RunSpec.class);
    }

    private static ObjectNode overrides(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("empty body; send {} for the default spec");
        }
        JsonNode tree;
        try {
            tree = JsonContracts.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read an in-memory body", e);
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("must be a JSON object of RunSpec fields, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        return (ObjectNode) tree;
    }

    private static InvalidRunSpecException invalid(String message) {
        return new InvalidRunSpecException(List.of(new SchemaViolation("$", message)));
    }
}
