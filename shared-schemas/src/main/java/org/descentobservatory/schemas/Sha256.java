package org.descentobservatory.schemas;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in the form the contracts carry ({@link CheckpointEvent#sha256()}): 64 lowercase hex digits. The
 * trainer computes it over the bytes it stores and the analyzer over the bytes it reads, so both must use this.
 */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * The SHA-256 digest of {@code bytes} as 64 lowercase hex digits; linear in {@code bytes.length}.
     */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
