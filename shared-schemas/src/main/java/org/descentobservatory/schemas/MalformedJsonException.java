package org.descentobservatory.schemas;

import java.util.List;
import java.util.stream.Collectors;

/** A document is not valid JSON or breaks its contract's schema; the message names every violation. */
public class MalformedJsonException extends RuntimeException {

    private final transient Contract contract;
    private final List<SchemaViolation> violations;

    public MalformedJsonException(Contract contract, List<SchemaViolation> violations) {
        super("Malformed " + contract.type().getSimpleName() + " (" + contract.schemaFile() + "): "
                + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        this.contract = contract;
        this.violations = List.copyOf(violations);
    }

    public Contract contract() {
        return contract;
    }

    public List<SchemaViolation> violations() {
        return violations;
    }
}
