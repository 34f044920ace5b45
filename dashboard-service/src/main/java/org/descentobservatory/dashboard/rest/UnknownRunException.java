package org.descentobservatory.dashboard.rest;

/** No event of the requested run has been seen; answered with 404. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(String runId) {
        super("Unknown run: " + runId);
    }
}
