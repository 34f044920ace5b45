package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.schemas.Sha256;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes and reads checkpoints: {@code ModelSerializer.writeModel(net, out, true)}, i.e. configuration, parameters
 * and Adam's state, so that training can resume exactly; any DL4J {@code ModelSerializer} reader (the analyzer, the
 * NumPy export) reads them. About 200 KB and 10 ms for the paper's network.
 * <p>
 * The zip DL4J writes is re-packed entry by entry, in the same order, with {@link Deflater#BEST_COMPRESSION} and a
 * fixed entry time: a bit smaller than DL4J's default level (float32 weights compress little; see
 * {@code CheckpointCodecTest} for the measured sizes), and, above all, a pure function of the network, so an epoch
 * retrained after a crash stores the same bytes with the same SHA-256.
 */
public final class CheckpointCodec {

    /** Every entry's modification time: a constant, so that equal networks give equal bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private CheckpointCodec() {
    }

    public static Checkpoint encode(MultiLayerNetwork network) {
        byte[] bytes = repack(serialise(network));
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

    /** DL4J's own zip, at its default compression level and with the current time on every entry. */
    static byte[] serialise(MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise the network", e);
        }
        return out.toByteArray();
    }

    /** The same entries, in the same order, at the best compression level and with a fixed time. */
    static byte[] repack(byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream repacked = new ZipOutputStream(out)) {
            repacked.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(ENTRY_TIME);
                repacked.putNextEntry(copy);
                in.transferTo(repacked);
                repacked.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot re-pack a checkpoint zip held in memory", e);
        }
        return out.toByteArray();
    }
}
