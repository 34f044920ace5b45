package org.descentobservatory.dashboard.rest;

/** A query parameter or body the dashboard cannot use; answered with 400 naming it. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
