package org.descentobservatory.trainer.compute.task.lorenz;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.CheckpointCodec;
import org.descentobservatory.trainer.compute.EpochTrainer;
import org.descentobservatory.trainer.compute.task.TrainingTask;
import org.descentobservatory.trainer.compute.task.TrainingTasks;
import org.descentobservatory.trainer.compute.task.imdb.ArchiveCache;
import org.descentobservatory.trainer.domain.RunSpecParser;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the Lorenz-63 forecaster of a spec through the trainer's own code (the task the service prepares,
 * {@link EpochTrainer}, {@link CheckpointCodec}) and writes its last checkpoint: how the analyzer's closed-loop
 * reference checkpoint was made ({@code bin/bench lorenz-reference}, docs/order-chaos.md). Every {@code report}
 * epochs it prints the teacher-forced MSE and a closed-loop check (the output fed back, {@link ClosedLoopRun}).
 * <p>
 * Writes {@code NAME.zip} (the checkpoint, as the trainer stores it), {@code NAME-probes.json} (the run's probe set
 * as the trainer publishes it, cut to its first {@value #PROBES_KEPT} probes) and {@code NAME.json} (provenance: the
 * spec, the source commit, the training statistics μ, σ that standardise the states, the final MSEs).
 * <p>
 * Arguments: the spec as a JSON body ({@code RunSpecParser}, e.g. {@code {"preset": "lorenz-small"}}), the output
 * path NAME (without extension), and optionally the report interval in epochs (default 10).
 */
public final class LorenzReferenceTraining {

    /** Probes kept in the written probe set: enough for a test, small enough to commit. */
    static final int PROBES_KEPT = 10;

    private LorenzReferenceTraining() {
    }

    public static void main(String[] args) throws IOException {
        RunSpec spec = RunSpecParser.parse(args[0].getBytes(StandardCharsets.UTF_8));
        String out = args[1];
        int report = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println("spec " + spec);
        TrainingTask task = new TrainingTasks(new ArchiveCache(Path.of("unused"), 1)).prepare(spec);
        LorenzData data = LorenzData.generate(spec);
        System.out.printf("persistence test MSE %.5f%n", data.test().persistenceMse());
        MultiLayerNetwork network = task.newNetwork();
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed());
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            trainer.trainEpoch(network, task.train(), epoch);
            if (epoch % report == 0 || epoch == spec.epochs()) {
                System.out.printf("epoch %4d  %6.0f s  load %.1f  train MSE %.6f  test MSE %.6f  closed loop %s%n",
                        epoch, (System.nanoTime() - start) / 1e9,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        task.evaluateTrain(network).meanLoss(), task.evaluateTest(network).meanLoss(),
                        ClosedLoopRun.of(network, data.test().inputs(1)[0], 4000, 1000));
            }
        }
        Path checkpoint = Path.of(out + ".zip");
        Files.write(checkpoint, CheckpointCodec.encode(network).bytes());
        Files.write(Path.of(out + "-probes.json"), JsonContracts.write(
                ProbeSet.ofSeries("lorenz-reference", data.test().inputs(Math.min(PROBES_KEPT, spec.probeCount())))));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("command", "bin/bench lorenz-reference '" + args[0] + "' " + out);
        provenance.put("commit", commit());
        provenance.put("spec", spec);
        provenance.put("standardisationMean", data.standardisation().mean());
        provenance.put("standardisationStandardDeviation", data.standardisation().standardDeviation());
        provenance.put("trainMse", task.evaluateTrain(network).meanLoss());
        provenance.put("testMse", task.evaluateTest(network).meanLoss());
        provenance.put("persistenceTestMse", data.test().persistenceMse());
        Files.write(Path.of(out + ".json"),
                JsonContracts.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(provenance));
        System.out.println("wrote " + checkpoint + " (" + Files.size(checkpoint) + " bytes) and its probes and provenance");
    }

    /** {@code git describe --always --dirty} of the working directory, or "unknown". */
    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=40")
                    .redirectErrorStream(true).start();
            String described = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? described : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * The forecaster run closed-loop in its own precision (float) by {@code rnnTimeStep}: driven by a test window,
     * then fed its own output for {@code steps} steps; the statistics of the last {@code steps − settle} outputs
     * in standardised units, where the true attractor has mean ≈ 0 and standard deviation ≈ 1 per component.
     */
    record ClosedLoopRun(double[] mean, double[] deviation, double maxAbs) {

        static ClosedLoopRun of(MultiLayerNetwork network, double[][] window, int steps, int settle) {
            network.rnnClearPreviousState();
            INDArray y = null;
            for (double[] x : window) {
                y = network.rnnTimeStep(Nd4j.createFromArray(new double[][] {x}).castTo(DataType.FLOAT));
            }
            double[] sum = new double[3];
            double[] sumOfSquares = new double[3];
            double maxAbs = 0;
            for (int t = 0; t < steps; t++) {
                y = network.rnnTimeStep(y);
                if (t >= settle) {
                    for (int d = 0; d < 3; d++) {
                        double v = y.getDouble(0, d);
                        sum[d] += v;
                        sumOfSquares[d] += v * v;
                        maxAbs = Math.max(maxAbs, Math.abs(v));
                    }
                }
            }
            network.rnnClearPreviousState();
            int n = steps - settle;
            double[] mean = new double[3];
            double[] deviation = new double[3];
            for (int d = 0; d < 3; d++) {
                mean[d] = sum[d] / n;
                deviation[d] = Math.sqrt(Math.max(0, sumOfSquares[d] / n - mean[d] * mean[d]));
            }
            return new ClosedLoopRun(mean, deviation, maxAbs);
        }

        @Override
        public String toString() {
            return String.format("mean (%.2f, %.2f, %.2f) sd (%.2f, %.2f, %.2f) max|y| %.2f", mean[0], mean[1],
                    mean[2], deviation[0], deviation[1], deviation[2], maxAbs);
        }
    }
}
