package org.descentobservatory.trainer.compute.task.imdb;

/**
 * A data set cannot be fetched, verified, extracted or read: missing, outside the data folder, too large, a checksum
 * mismatch, not in the aclImdb layout. Its message is the reason a failed run reports.
 */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
