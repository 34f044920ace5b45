package org.descentobservatory.schemas;

/**
 * One way a JSON document breaks its contract.
 *
 * @param field   JSON path of the offending value, e.g. {@code $.hiddenSize}; {@code $} for the document
 * @param message what is wrong, in words
 */
public record SchemaViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
