package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes and reads checkpoints: {@code ModelSerializer.writeModel(net, out, true)}, i.e. configuration, parameters
 * and Adam's state, so that training can resume exactly. About 200 KB and 10 ms for the paper's network.
 */
public final class CheckpointCodec {

    private CheckpointCodec() {
    }

    public static Checkpoint encode(MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise the network", e);
        }
        byte[] bytes = out.toByteArray();
        return new Checkpoint(bytes, sha256Hex(bytes));
    }

    /** Restores a network, with its updater state, from {@link #encode} bytes. */
    public static MultiLayerNetwork decode(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a DL4J model zip", e);
        }
    }

    /** Lowercase hex SHA-256, the form the checkpoint events carry. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
