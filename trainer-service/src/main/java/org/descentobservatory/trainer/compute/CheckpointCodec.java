package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.schemas.Sha256;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        return new Checkpoint(bytes, Sha256.hex(bytes));
    }

    /** Restores a network, with its updater state, from {@link #encode} bytes. */
    public static MultiLayerNetwork decode(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a DL4J model zip", e);
        }
    }
}
