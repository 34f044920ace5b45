package org.descentobservatory.analyzer.storage;

/** The object store has no object under the requested key (or no such bucket). */
public class MissingObjectException extends RuntimeException {

    public MissingObjectException(String bucket, String key, String storeCode) {
        super("No object " + key + " in bucket " + bucket + " (" + storeCode + ")");
    }
}
