package org.descentobservatory.trainer.compute;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An independent reader of the .npz/.npy files NpzWriter produces, strict about the parts of the NPY 1.0 format
 * (numpy.lib.format) that writer uses, so tests can check the bytes rather than trust the writer; and the check
 * that an archive holds a network's parameters.
 */
public final class NpzFiles {

    /** The header dict as NumPy writes it for a little-endian float C-order array; group 3 is the shape tuple. */
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '(<f4|<f8)', 'fortran_order': (False|True), 'shape': \\(([0-9, ]*)\\), \\} *\n");

    /**
     * One parsed .npy file.
     *
     * @param descr        the dtype descriptor, {@code <f4} or {@code <f8}
     * @param fortranOrder the header's fortran_order
     * @param shape        the header's shape
     * @param dataOffset   where the data starts: 10 + HEADER_LEN
     * @param data         the data bytes, little-endian
     */
    public record Npy(String descr, boolean fortranOrder, long[] shape, int dataOffset, ByteBuffer data) {

        public float[] floats() {
            float[] values = new float[data.remaining() / Float.BYTES];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        public double[] doubles() {
            double[] values = new double[data.remaining() / Double.BYTES];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
            return values;
        }
    }

    private NpzFiles() {
    }

    /** Every zip entry's bytes by entry name, in archive order. */
    public static Map<String, byte[]> entries(byte[] npz) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The .npy entries of an archive, parsed, by array name (entry name without .npy). */
    public static Map<String, Npy> arrays(byte[] npz) {
        Map<String, Npy> arrays = new LinkedHashMap<>();
        entries(npz).forEach((name, bytes) -> {
            if (name.endsWith(".npy")) {
                arrays.put(name.substring(0, name.length() - 4), parse(bytes));
            }
        });
        return arrays;
    }

    /** Parses one .npy file; throws AssertionError where it breaks the NPY 1.0 format. */
    public static Npy parse(byte[] npy) {
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        if (!Arrays.equals(Arrays.copyOf(npy, 6), magic) || npy[6] != 1 || npy[7] != 0) {
            throw new AssertionError("Not an NPY 1.0 file: " + Arrays.toString(Arrays.copyOf(npy, 8)));
        }
        int headerLength = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher matcher = HEADER.matcher(header);
        if (!matcher.matches()) {
            throw new AssertionError("Unexpected NPY header: " + header);
        }
        String dims = matcher.group(3).replace(" ", "");
        long[] shape = dims.isEmpty() ? new long[0]
                : Arrays.stream(dims.split(",")).filter(d -> !d.isEmpty()).mapToLong(Long::parseLong).toArray();
        int offset = 10 + headerLength;
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int itemSize = matcher.group(1).equals("<f4") ? 4 : 8;
        if (npy.length - offset != count * itemSize) {
            throw new AssertionError("Data is " + (npy.length - offset) + " bytes, shape needs " + count * itemSize);
        }
        return new Npy(matcher.group(1), matcher.group(2).equals("True"), shape, offset,
                ByteBuffer.wrap(npy, offset, npy.length - offset).slice());
    }

    /** Each named array holds exactly the DL4J parameter's values, element by element, last index fastest. */
    public static void assertHoldParameters(Map<String, Npy> arrays, MultiLayerNetwork network,
                                            Map<String, String> dl4jKeys) {
        dl4jKeys.forEach((name, key) -> {
            INDArray parameter = network.getParam(key);
            Npy array = arrays.get(name);
            assertThat(array.shape()).as(name).containsExactly(parameter.shape());
            double[] exported = array.descr().equals("<f4") ? toDoubles(array.floats()) : array.doubles();
            long[] shape = parameter.shape();
            for (int flat = 0; flat < exported.length; flat++) {
                long[] index = new long[shape.length];
                long rest = flat;
                for (int d = shape.length - 1; d >= 0; d--) {
                    index[d] = rest % shape[d];
                    rest /= shape[d];
                }
                assertThat(exported[flat]).as("%s%s", name, Arrays.toString(index))
                        .isEqualTo(parameter.getDouble(index));
            }
        });
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
