package org.descentobservatory.analyzer.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Real-valued probes of a forecaster: {@code series[i][t][d]} = component d of the input of probe i at step t,
 * driving the network directly (drive x_t·W + b, {@link RecurrentCell#inputDrive}), e.g. normalised Lorenz-63 states.
 *
 * @param series the sequences, one length and one dimension D for all (checked)
 */
public record SeriesProbes(double[][][] series) implements ProbeInputs {

    /** Preconditions: at least one probe, all of one length, every step of one dimension D ≥ 1. */
    public SeriesProbes {
        if (series.length == 0) {
            throw new IllegalArgumentException("At least one probe is needed");
        }
        int length = series[0].length;
        int dimension = length == 0 ? 1 : series[0][0].length;
        for (int i = 0; i < series.length; i++) {
            if (series[i].length != length) {
                throw new IllegalArgumentException("Probe " + i + " has " + series[i].length + " steps, probe 0 has "
                        + length + ": probes must be of one length");
            }
            for (double[] x : series[i]) {
                if (x.length != dimension || dimension < 1) {
                    throw new IllegalArgumentException("Probe " + i + " has a step of dimension " + x.length
                            + ", expected " + dimension);
                }
            }
        }
    }

    @Override
    public int probeCount() {
        return series.length;
    }

    @Override
    public int length() {
        return series[0].length;
    }

    @Override
    public INDArray drive(RecurrentCell<?> cell, int t, int copies) {
        int n = series.length;
        double[][] x = new double[copies * n][];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < copies; c++) {
                x[c * n + i] = series[i][t];
            }
        }
        return cell.inputDrive(Nd4j.createFromArray(x).castTo(DataType.DOUBLE));
    }

    @Override
    public void requireFits(RecurrentCell<?> cell) {
        if (length() > 0 && series[0][0].length != cell.inputSize()) {
            throw new IllegalArgumentException("Series of dimension " + series[0][0].length
                    + " do not fit a network with " + cell.inputSize() + " inputs");
        }
    }

    @Override
    public SeriesProbes first(int count) {
        return new SeriesProbes(Arrays.copyOf(series, Math.min(count, series.length)));
    }

    @Override
    public SeriesProbes prefix(int steps) {
        ProbeInputs.requirePrefix(steps, length());
        double[][][] cut = new double[series.length][][];
        for (int i = 0; i < series.length; i++) {
            cut[i] = Arrays.copyOf(series[i], steps);
        }
        return new SeriesProbes(cut);
    }
}
