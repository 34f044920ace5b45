package org.descentobservatory.store;

/** The object store could not be reached or refused a request; the message names the bucket and the key. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
