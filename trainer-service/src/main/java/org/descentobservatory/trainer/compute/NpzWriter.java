package org.descentobservatory.trainer.compute;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive, the format of {@code numpy.savez_compressed}: a zip file with one
 * {@code <name>.npy} entry per array, which {@code numpy.load} opens as a dict-like {@code NpzFile}.
 * <p>
 * Each entry is in NPY format version 1.0 as specified by NumPy: NEP 1, "A Simple File Format for NumPy Arrays",
 * and the format's reference, module {@code numpy.lib.format}
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">NumPy documentation</a>):
 * <pre>
 * 6 bytes   magic \x93NUMPY
 * 2 bytes   version 1, 0
 * 2 bytes   HEADER_LEN, little-endian unsigned short
 * HEADER_LEN bytes  ASCII Python dict literal {'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), },
 *                   padded with spaces and ended by '\n' so that 10 + HEADER_LEN is a multiple of 64
 * data      the values in C (row-major) order, little-endian
 * </pre>
 * The 64-byte alignment is the current specification's (older NumPy versions padded to 16 bytes; readers take
 * HEADER_LEN as given, so accept any padding). Only {@code float32} ({@code '<f4'}) and {@code float64} ({@code '<f8'}) arrays are written.
 * Other zip entries (e.g. {@code metadata.json}) may be added: {@code numpy.load} lists them in {@code files} too and
 * returns their raw bytes.
 * <p>
 * Use: {@link #addArray} / {@link #addFile} any number of times, then {@link #finish} once. Not thread-safe.
 * Cost: O(total values) time and memory (the archive is built in memory; entries are deflated).
 */
public final class NpzWriter {

    /** {@code \x93NUMPY}: the NPY magic string. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data starts at a multiple of this many bytes (NumPy's {@code ARRAY_ALIGN}). */
    static final int ALIGNMENT = 64;
    /** Magic (6) + version (2) + header length (2). */
    private static final int PREAMBLE_BYTES = 10;
    /** Version 1.0 stores the header length in an unsigned short. */
    private static final int MAX_HEADER_BYTES = 0xFFFF;
    private static final String NPY_SUFFIX = ".npy";
    /** Array names usable as Python identifiers and file names alike. */
    private static final Pattern ARRAY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ByteArrayOutputStream archive = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(archive);
    private final Set<String> entryNames = new HashSet<>();
    private boolean finished;

    /**
     * Adds a {@code float32} array as {@code name.npy}.
     *
     * @param name   a Python identifier, unique in this archive
     * @param shape  dimensions, each ≥ 0; {@code values.length} must be their product ({@code []} = a scalar)
     * @param values the elements in C order
     */
    public NpzWriter addArray(String name, long[] shape, float[] values) {
        return addEntry(arrayEntryName(name), npy(shape, values));
    }

    /** Adds a {@code float64} array as {@code name.npy}; preconditions as for {@code float32}. */
    public NpzWriter addArray(String name, long[] shape, double[] values) {
        return addEntry(arrayEntryName(name), npy(shape, values));
    }

    /**
     * Adds any file, e.g. {@code metadata.json}, under {@code fileName} (unique in this archive, not ending in
     * {@code .npy}: arrays go through {@link #addArray}).
     */
    public NpzWriter addFile(String fileName, byte[] content) {
        if (fileName.isEmpty() || fileName.endsWith(NPY_SUFFIX) || fileName.contains("/")) {
            throw new IllegalArgumentException("Not a plain non-.npy file name: '" + fileName + "'");
        }
        return addEntry(fileName, content);
    }

    /** Closes the archive and returns its bytes. */
    public byte[] finish() {
        requireOpen();
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close an in-memory zip", e);
        }
        finished = true;
        return archive.toByteArray();
    }

    /** One {@code float32} array as a whole {@code .npy} file. */
    public static byte[] npy(long[] shape, float[] values) {
        return npy("<f4", shape, values.length, Float.BYTES, data -> data.asFloatBuffer().put(values));
    }

    /** One {@code float64} array as a whole {@code .npy} file. */
    public static byte[] npy(long[] shape, double[] values) {
        return npy("<f8", shape, values.length, Double.BYTES, data -> data.asDoubleBuffer().put(values));
    }

    /** The header of {@code descr} and {@code shape}, then the little-endian data written by {@code putValues}. */
    private static byte[] npy(String descr, long[] shape, int elementCount, int elementBytes,
                              Consumer<ByteBuffer> putValues) {
        requireElementCount(shape, elementCount);
        byte[] header = header(descr, shape);
        ByteBuffer file = ByteBuffer.allocate(header.length + elementBytes * elementCount)
                .order(ByteOrder.LITTLE_ENDIAN).put(header);
        putValues.accept(file);
        return file.array();
    }

    /** Magic, version 1.0, header length and the padded header dict: everything before the data. */
    private static byte[] header(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
        int unpadded = PREAMBLE_BYTES + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String padded = dict + " ".repeat(padding) + "\n";
        if (padded.length() > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs NPY version 2.0");
        }
        return ByteBuffer.allocate(PREAMBLE_BYTES + padded.length()).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0)
                .putShort((short) padded.length())
                .put(padded.getBytes(StandardCharsets.US_ASCII))
                .array();
    }

    /** Python's repr of a tuple of ints: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    private static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static void requireElementCount(long[] shape, int count) {
        long product = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            }
            product = Math.multiplyExact(product, dimension);
        }
        if (product != count) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " holds " + product
                    + " values, got " + count);
        }
    }

    private static String arrayEntryName(String name) {
        if (!ARRAY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Array name '" + name + "' is not a Python identifier");
        }
        return name + NPY_SUFFIX;
    }

    private NpzWriter addEntry(String entryName, byte[] content) {
        requireOpen();
        if (!entryNames.add(entryName)) {
            throw new IllegalArgumentException("Duplicate entry " + entryName);
        }
        try {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to an in-memory zip", e);
        }
        return this;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("The archive is already finished");
        }
    }
}
