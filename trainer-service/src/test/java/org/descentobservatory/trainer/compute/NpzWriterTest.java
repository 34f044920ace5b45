package org.descentobservatory.trainer.compute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpzWriterTest {

    /** Values whose bits a lossy or byte-swapped encoding would change. */
    private static final float[] TRICKY_FLOATS = {1.5f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
            Float.NEGATIVE_INFINITY};
    private static final double[] TRICKY_DOUBLES = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, 1e-300, -7.25, Double.POSITIVE_INFINITY};

    @Test
    void anArchiveHoldsOneNpyEntryPerArrayWithItsDtypeShapeAndExactValues() {
        byte[] npz = new NpzWriter()
                .addArray("weights", new long[]{2, 3}, TRICKY_FLOATS)
                .addArray("bias", new long[]{8}, TRICKY_DOUBLES)
                .addFile("metadata.json", "{\"epoch\": 3}".getBytes(StandardCharsets.UTF_8))
                .finish();

        Map<String, byte[]> entries = NpzFiles.entries(npz);
        assertThat(entries).containsOnlyKeys("weights.npy", "bias.npy", "metadata.json");
        assertThat(new String(entries.get("metadata.json"), StandardCharsets.UTF_8)).isEqualTo("{\"epoch\": 3}");

        Map<String, NpzFiles.Npy> arrays = NpzFiles.arrays(npz);
        NpzFiles.Npy weights = arrays.get("weights");
        assertThat(weights.descr()).isEqualTo("<f4");
        assertThat(weights.fortranOrder()).isFalse();
        assertThat(weights.shape()).containsExactly(2, 3);
        assertThat(bits(weights.floats())).containsExactly(bits(TRICKY_FLOATS));
        NpzFiles.Npy bias = arrays.get("bias");
        assertThat(bias.descr()).isEqualTo("<f8");
        assertThat(bias.shape()).containsExactly(8);
        assertThat(bits(bias.doubles())).containsExactly(bits(TRICKY_DOUBLES));
    }

    /**
     * Reference: NumPy 2.4's {@code np.save} of {@code np.zeros((2, 3), '<f4')} is 152 bytes, HEADER_LEN 118 and
     * the header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, space-padded, ending in '\n'.
     */
    @Test
    void theHeaderIsNumpysDictLiteralPaddedTo64Bytes() {
        byte[] npy = NpzWriter.npy(new long[]{2, 3}, new float[6]);

        assertThat(new String(npy, 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("\u0093NUMPY\u0001\u0000");
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        assertThat(headerLength).isEqualTo(118);
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(header.strip()).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        assertThat(npy).hasSize(152);
    }

    @Test
    void scalarsVectorsAndEmptyArraysUsePythonTupleSyntax() {
        assertThat(header(NpzWriter.npy(new long[0], new double[]{2.5}))).contains("'shape': (), }");
        assertThat(header(NpzWriter.npy(new long[]{4}, new float[4]))).contains("'shape': (4,), }");
        assertThat(header(NpzWriter.npy(new long[]{0, 5}, new float[0]))).contains("'shape': (0, 5), }");
        assertThat(NpzFiles.parse(NpzWriter.npy(new long[0], new double[]{2.5})).doubles()).containsExactly(2.5);
    }

    /** Property: for any shape, the data starts at a multiple of 64 and the shape reads back. */
    @Test
    void dataStartsAtAMultipleOf64ForAnyShape() {
        SplittableRandom random = new SplittableRandom(20260527);
        for (int trial = 0; trial < 300; trial++) {
            long[] shape = new long[random.nextInt(0, 7)];
            long count = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = random.nextInt(0, d < 2 ? 40 : 4) + (random.nextInt(10) == 0 ? 1_000_000 : 0);
                count *= shape[d];
            }
            if (count > 1_000_000) {
                continue;
            }
            NpzFiles.Npy npy = NpzFiles.parse(NpzWriter.npy(shape, new float[(int) count]));
            assertThat(npy.dataOffset() % NpzWriter.ALIGNMENT).as("shape %s", java.util.Arrays.toString(shape))
                    .isZero();
            assertThat(npy.shape()).containsExactly(shape);
        }
    }

    @Test
    void badInputIsRejectedWithAReason() {
        NpzWriter writer = new NpzWriter().addArray("a", new long[]{1}, new float[1]);
        assertThatThrownBy(() -> writer.addArray("a", new long[]{1}, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate entry a.npy");
        assertThatThrownBy(() -> writer.addArray("b", new long[]{2, 3}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 6 values, got 5");
        assertThatThrownBy(() -> writer.addArray("c", new long[]{-1}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Negative dimension");
        assertThatThrownBy(() -> writer.addArray("1_W", new long[]{1}, new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Python identifier");
        assertThatThrownBy(() -> writer.addFile("x.npy", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.npy");
        writer.finish();
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
    }

    /** NumPy's own reader, when this machine has it (the Java checks above do not depend on it). */
    @Test
    void numpyLoadsTheArchive(@TempDir Path dir) throws Exception {
        assumeTrue(python("import numpy") == 0, "python3 with numpy is not installed");
        Path file = dir.resolve("check.npz");
        Files.write(file, new NpzWriter()
                .addArray("w", new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6})
                .addArray("b", new long[]{3}, new double[]{0.5, -1, Math.PI})
                .addFile("metadata.json", "{}".getBytes(StandardCharsets.UTF_8))
                .finish());

        assertThat(python("""
                import numpy as np, sys
                z = np.load(sys.argv[1])
                assert sorted(z.files) == ['b', 'metadata.json', 'w'], z.files
                assert z['w'].dtype == np.float32 and z['w'].shape == (2, 3), z['w']
                assert z['w'][1, 0] == 4 and z['w'].flags['C_CONTIGUOUS']
                assert z['b'].dtype == np.float64 and z['b'][2] == np.pi, z['b']
                """, file.toString())).isZero();
    }

    private static int python(String script, String... args) throws IOException, InterruptedException {
        String[] command = new String[3 + args.length];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException noPython) {
            return -1;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static String header(byte[] npy) {
        return new String(npy, 10, NpzFiles.parse(npy).dataOffset() - 10, StandardCharsets.US_ASCII);
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
