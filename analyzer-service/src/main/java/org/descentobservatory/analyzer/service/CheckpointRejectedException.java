package org.descentobservatory.analyzer.service;

/**
 * A checkpoint event cannot be analysed for a reason that retrying will not fix: its object's bytes do not match
 * its SHA-256, the object is not a DL4J network of the expected architecture, or the run's probe set is unusable.
 * The message names the run, the epoch and the reason; it becomes the dead-letter record's reason header.
 */
public class CheckpointRejectedException extends RuntimeException {

    public CheckpointRejectedException(String message) {
        super(message);
    }

    public CheckpointRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
