package org.descentobservatory.trainer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.domain.InvalidRunSpecException;
import org.descentobservatory.trainer.domain.RunSpecParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns a sweep body into its runs' specs. The body is a JSON object with exactly one of
 * <pre>
 * {"spec": {partial spec}, "seeds": [1, 2, 3]}   one run per seed (distinct integers), the spec's other fields shared
 * {"specs": [{partial spec}, {partial spec}]}     one run per partial spec
 * </pre>
 * where a partial spec is what {@code POST /api/runs} takes (merged over its preset by {@link RunSpecParser}).
 * Every violation of every run is reported at once, its field prefixed with where it is ({@code $.specs[1].hiddenSize});
 * nothing is requested unless all runs are valid.
 */
final class SweepParser {

    private SweepParser() {
    }

    /** @throws InvalidRunSpecException naming every bad field */
    static List<RunSpec> parse(byte[] body, int maxRuns) {
        ObjectNode sweep = object(body);
        List<SchemaViolation> violations = new ArrayList<>();
        for (Iterator<String> names = sweep.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("spec", "seeds", "specs").contains(name)) {
                violations.add(new SchemaViolation("$." + name, "unknown field; a sweep has spec + seeds, or specs"));
            }
        }
        List<ObjectNode> partials = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (sweep.has("specs") == (sweep.has("spec") || sweep.has("seeds"))) {
            violations.add(new SchemaViolation("$", "give either \"spec\" and \"seeds\", or \"specs\""));
        } else if (sweep.has("specs")) {
            JsonNode specs = sweep.get("specs");
            if (!specs.isArray() || specs.isEmpty() || specs.size() > maxRuns) {
                violations.add(new SchemaViolation("$.specs", "must be an array of 1 to " + maxRuns + " specs"));
            } else {
                for (int i = 0; i < specs.size(); i++) {
                    partials.add(partial(specs.get(i), "$.specs[" + i + "]", violations));
                    paths.add("$.specs[" + i + "]");
                }
            }
        } else {
            ObjectNode spec = sweep.has("spec") ? partial(sweep.get("spec"), "$.spec", violations)
                    : JsonContracts.mapper().createObjectNode();
            if (spec != null && spec.has("seed")) {
                violations.add(new SchemaViolation("$.spec.seed", "the seeds come from \"seeds\""));
            }
            for (long seed : seeds(sweep.get("seeds"), maxRuns, violations)) {
                if (spec != null) {
                    partials.add(spec.deepCopy().put("seed", seed));
                    paths.add("$.spec");
                }
            }
        }
        List<RunSpec> runs = new ArrayList<>();
        for (int i = 0; i < partials.size(); i++) {
            if (partials.get(i) == null) {
                continue;
            }
            try {
                runs.add(RunSpecParser.parse(JsonContracts.write(partials.get(i))));
            } catch (InvalidRunSpecException e) {
                String path = paths.get(i);
                e.violations().forEach(v -> violations.add(new SchemaViolation(path + v.field().substring(1),
                        v.message())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRunSpecException(violations.stream().distinct().toList());
        }
        return runs;
    }

    private static ObjectNode partial(JsonNode node, String path, List<SchemaViolation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new SchemaViolation(path, "must be a JSON object of RunSpec fields"));
            return null;
        }
        return (ObjectNode) node;
    }

    private static List<Long> seeds(JsonNode node, int maxRuns, List<SchemaViolation> violations) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > maxRuns) {
            violations.add(new SchemaViolation("$.seeds", "must be an array of 1 to " + maxRuns + " integers"));
            return List.of();
        }
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode seed = node.get(i);
            if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
                violations.add(new SchemaViolation("$.seeds[" + i + "]", "must be an integer"));
            } else if (!seen.add(seed.longValue())) {
                violations.add(new SchemaViolation("$.seeds[" + i + "]", "repeats seed " + seed.longValue()));
            } else {
                seeds.add(seed.longValue());
            }
        }
        return seeds;
    }

    private static ObjectNode object(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JsonContracts.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read an in-memory body", e);
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("must be a JSON object: {\"spec\": {...}, \"seeds\": [...]} or {\"specs\": [...]}");
        }
        return (ObjectNode) tree;
    }

    private static InvalidRunSpecException invalid(String message) {
        return new InvalidRunSpecException(List.of(new SchemaViolation("$", message)));
    }
}
