package org.descentobservatory.trainer.storage;

/** The object store refused or could not be reached; the message names the bucket and key. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
