package org.descentobservatory.trainer.compute;

/**
 * A serialised network as stored in the object store.
 *
 * @param bytes  a DL4J {@code ModelSerializer} zip, with updater state
 * @param sha256 lowercase hex SHA-256 of {@code bytes}
 */
public record Checkpoint(byte[] bytes, String sha256) {

    public long sizeBytes() {
        return bytes.length;
    }
}
