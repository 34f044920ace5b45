package org.descentobservatory.store;

/**
 * The store answered that there is no object under the key, or no such bucket: the object was never stored (or
 * was removed), as opposed to a store that cannot be asked.
 */
public class MissingObjectException extends StoreException {

    public MissingObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
