package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.SchemaViolation;

import java.util.List;
import java.util.stream.Collectors;

/** A submitted run spec is not JSON, not an object, breaks the RunSpec schema or a cross-field rule. */
public class InvalidRunSpecException extends RuntimeException {

    private final List<SchemaViolation> violations;

    public InvalidRunSpecException(List<SchemaViolation> violations) {
        super("Invalid run spec: " + violations.stream().map(SchemaViolation::toString)
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<SchemaViolation> violations() {
        return violations;
    }
}
