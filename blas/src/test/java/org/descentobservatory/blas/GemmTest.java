package org.descentobservatory.blas;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Dgemm} and {@link Sgemm} against the definition C_ij = Σ_l op(A)_il·op(B)_lj + β·C_ij, summed in double,
 * on seeded random row-major matrices, every transpose combination, with buffers that start past position 0.
 */
class GemmTest {

    /** Rounding of a k = 7 term sum of products of entries in [−1, 1): ~k·ε of the precision, with margin. */
    private static final double DOUBLE_ROUNDING = 1e-14;
    private static final double FLOAT_ROUNDING = 1e-5;
    private static final int M = 5;
    private static final int N = 3;
    private static final int K = 7;
    private static final int OFFSET = 2;

    @ParameterizedTest
    @CsvSource({"false, false, 0", "true, false, 1", "false, true, 0.5", "true, true, -1"})
    void bothPrecisionsComputeTheDefinition(boolean transA, boolean transB, double beta) {
        Random random = new Random(11);
        double[] a = random(M * K, random);
        double[] b = random(K * N, random);
        double[] c = random(M * N, random);
        double[] expected = reference(transA, transB, a, b, beta, c);

        DoubleBuffer cd = doubles(c);
        Dgemm.multiply(transA, transB, M, N, K, doubles(a), doubles(b), beta, cd);
        FloatBuffer cs = floats(c);
        Sgemm.multiply(transA, transB, M, N, K, floats(a), floats(b), (float) beta, cs);

        for (int i = 0; i < M * N; i++) {
            assertThat(cd.get(OFFSET + i)).as("double C[%d]", i).isCloseTo(expected[i], within(DOUBLE_ROUNDING));
            assertThat((double) cs.get(OFFSET + i)).as("float C[%d]", i).isCloseTo(expected[i], within(FLOAT_ROUNDING));
        }
    }

    /** op(A)·op(B) + β·C with A stored [M, K] or [K, M], B [K, N] or [N, K]. */
    private static double[] reference(boolean transA, boolean transB, double[] a, double[] b, double beta, double[] c) {
        double[] result = new double[M * N];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double sum = beta * c[i * N + j];
                for (int l = 0; l < K; l++) {
                    sum += (transA ? a[l * M + i] : a[i * K + l]) * (transB ? b[j * K + l] : b[l * N + j]);
                }
                result[i * N + j] = sum;
            }
        }
        return result;
    }

    private static double[] random(int length, Random random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    /** A direct buffer holding {@code values} from index {@link #OFFSET}, positioned there. */
    private static DoubleBuffer doubles(double[] values) {
        DoubleBuffer buffer = ByteBuffer.allocateDirect((OFFSET + values.length) * Double.BYTES)
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
        buffer.position(OFFSET);
        buffer.put(values).position(OFFSET);
        return buffer;
    }

    private static FloatBuffer floats(double[] values) {
        FloatBuffer buffer = ByteBuffer.allocateDirect((OFFSET + values.length) * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.position(OFFSET);
        for (double value : values) {
            buffer.put((float) value);
        }
        return buffer.position(OFFSET);
    }
}
