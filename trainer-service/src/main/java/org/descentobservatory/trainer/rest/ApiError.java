package org.descentobservatory.trainer.rest;

import org.descentobservatory.schemas.SchemaViolation;

import java.util.List;

/**
 * The body of every error answer.
 *
 * @param error      what went wrong, in words
 * @param violations each bad field of the request, by JSON path; empty when no field is to blame
 */
public record ApiError(String error, List<SchemaViolation> violations) {
}
