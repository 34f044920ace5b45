package org.descentobservatory.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the observatory's JSON documents, checking every document read against its
 * contract's JSON Schema first, so that a bad document fails with all its violations named instead
 * of half-mapping into a record. Thread-safe; schemas are loaded once.
 */
public final class JsonContracts {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<Contract, Schema> SCHEMAS = loadSchemas();

    private JsonContracts() {
    }

    /** The mapper every service uses for contract documents (ISO-8601 timestamps). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    /** Parses, validates against the schema of {@code type}'s contract, then maps. */
    public static <T> T read(byte[] json, Class<T> type) {
        return toRecord(validated(parse(json, Contract.of(type)), Contract.of(type)), type);
    }

    /** Maps an already-parsed tree after validating it, e.g. a request body merged over defaults. */
    public static <T> T read(JsonNode tree, Class<T> type) {
        return toRecord(validated(tree, Contract.of(type)), type);
    }

    /** The violations of {@code tree} against {@code contract}'s schema; empty when valid. */
    public static List<SchemaViolation> violations(JsonNode tree, Contract contract) {
        return SCHEMAS.get(contract).validate(tree).stream()
                .map(error -> new SchemaViolation(fieldOf(error), error.getMessage()))
                .toList();
    }

    private static JsonNode parse(byte[] json, Contract contract) {
        if (json == null || json.length == 0) {
            throw new MalformedJsonException(contract, List.of(new SchemaViolation("$", "empty document")));
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedJsonException(contract,
                    List.of(new SchemaViolation("$", "not JSON: " + e.getMessage().lines().findFirst().orElse(""))));
        }
    }

    private static JsonNode validated(JsonNode tree, Contract contract) {
        List<SchemaViolation> violations = violations(tree, contract);
        if (!violations.isEmpty()) {
            throw new MalformedJsonException(contract, violations);
        }
        return tree;
    }

    private static <T> T toRecord(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            // The schema accepted it, so this is a schema/record mismatch: a bug, not bad input.
            throw new IllegalStateException("Schema and record disagree for " + type.getSimpleName(), e);
        }
    }

    private static String fieldOf(com.networknt.schema.Error error) {
        String path = error.getInstanceLocation().toString();
        String property = error.getProperty();
        if (property != null && !path.endsWith(property)) {
            path = path + "." + property;
        }
        return path;
    }

    private static Map<Contract, Schema> loadSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build())
                        .schemaIdResolvers(ids -> ids.mapPrefix(Contract.ID_PREFIX,
                                "classpath:" + Contract.CLASSPATH_FOLDER)));
        Map<Contract, Schema> schemas = new EnumMap<>(Contract.class);
        for (Contract contract : Contract.values()) {
            schemas.put(contract, registry.getSchema(SchemaLocation.of(contract.schemaId())));
        }
        return schemas;
    }
}
