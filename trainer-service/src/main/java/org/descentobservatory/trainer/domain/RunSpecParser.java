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
 * Turns a request body into a {@link RunSpec}: the body is a JSON object holding an optional {@value #PRESET_FIELD}
 * (a name from {@link RunSpecPresets}, default {@value RunSpecPresets#DEFAULT}) and any subset of the spec's fields,
 * merged field by field over that preset ({@code {}} is the default run). The merged document must pass the RunSpec
 * schema (so unknown fields are rejected) and {@link RunSpecRules}; otherwise every violation, an unknown preset
 * included, is reported at once.
 */
public final class RunSpecParser {

    /** The body field naming the base spec; it is not part of the {@link RunSpec}. */
    public static final String PRESET_FIELD = "preset";

    private RunSpecParser() {
    }

    /** @throws InvalidRunSpecException naming every bad field */
    public static RunSpec parse(byte[] body) {
        ObjectNode overrides = overrides(body);
        List<SchemaViolation> violations = new ArrayList<>();
        RunSpec base = preset(overrides.remove(PRESET_FIELD), violations);
        ObjectNode merged = JsonContracts.mapper().valueToTree(base);
        merged.setAll(overrides);
        violations.addAll(JsonContracts.violations(merged, Contract.RUN_SPEC));
        violations.addAll(RunSpecRules.violations(merged));
        if (!violations.isEmpty()) {
            throw new InvalidRunSpecException(violations);
        }
        return JsonContracts.read(merged, RunSpec.class);
    }

    /** The named preset, or the default one (with a violation added) when the name is missing or unknown. */
    private static RunSpec preset(JsonNode name, List<SchemaViolation> violations) {
        RunSpec fallback = RunSpecPresets.find(RunSpecPresets.DEFAULT).orElseThrow();
        if (name == null) {
            return fallback;
        }
        if (name.isTextual()) {
            var preset = RunSpecPresets.find(name.textValue());
            if (preset.isPresent()) {
                return preset.get();
            }
        }
        violations.add(new SchemaViolation("$." + PRESET_FIELD, "unknown preset " + name + "; known presets: "
                + RunSpecPresets.names()));
        return fallback;
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
