package org.descentobservatory.trainer.bench;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.descentobservatory.networks.SentimentNetworkFactory;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.EpochTrainer;
import org.descentobservatory.trainer.compute.LabelledSequences;
import org.descentobservatory.trainer.compute.SplitEvaluator;
import org.descentobservatory.trainer.compute.lstm.FusedLstm;
import org.descentobservatory.trainer.domain.RunSpecParser;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Training throughput of the paper's network (embedding 32 → LSTM 60 → dense 1 sigmoid, BCE, Adam, batch 32, 500
 * tokens; vocabulary 2,000 as the cpu-small preset) on this machine, beside the SGEMM FLOP/s ND4J reaches in the same
 * JVM. Run by {@code bin/bench training} (docs/benchmarks.md) with OMP_NUM_THREADS=1, the services' setting.
 * <p>
 * Figures: sequence-steps/s = batch · tokens · minibatches / wall time, and the LSTM's achieved FLOP/s: its matrix
 * products per sequence-step, forward 2·4H·(E + H) and backward twice that (δz·RWᵀ, hᵀ·δz, xᵀ·δz, δz·Wᵀ), i.e.
 * 24·H·(E + H) = 132,480 flops, times sequence-steps/s (element-wise work, embedding and dense layer not counted;
 * evaluation counts the forward third). Cases: the stock LSTM with workspaces on (Deeplearning4j's default) and off,
 * and its evaluation (first repetition only: it is the slow "before"); the fused LSTM ({@link FusedLstm}) on prepared
 * minibatches with 1 thread and with {@link FusedLstm#defaultThreads()} (the available processors); the fused LSTM
 * through the trainer's own {@link EpochTrainer} with its defaults (data pipeline, shuffling and per-batch statistics
 * included); and the per-epoch evaluation ({@link SplitEvaluator}) on the fused path. Each reports wall and
 * process-CPU time (CPU/wall: ≈ busy threads; below that on a loaded machine) and sequence-steps per CPU-second.
 * <p>
 * Arguments (optional): minibatches per stock case (default 8; 0 skips the stock cases), per fused case (default 40),
 * and repetitions (default 3).
 */
public final class TrainingThroughputBenchmark {

    private static final String PAPER_NETWORK = "{\"vocabularySize\": 2000, \"embeddingSize\": 32,"
            + " \"hiddenSize\": 60, \"sequenceLength\": 500, \"batchSize\": 32, \"architecture\": \"lstm\"}";
    private static final int WARMUP_BATCHES = 3;

    private TrainingThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int stockBatches = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int fusedBatches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        RunSpec spec = RunSpecParser.parse(PAPER_NETWORK.getBytes(StandardCharsets.UTF_8));
        long trainingFlops = 24L * spec.hiddenSize() * (spec.embeddingSize() + spec.hiddenSize());
        long inferenceFlops = trainingFlops / 3;
        int threads = FusedLstm.defaultThreads();
        System.out.printf("OMP_NUM_THREADS=%s (ND4J threads %d), %d cores, fused LSTM default threads %d; E=%d H=%d "
                        + "L=%d batch=%d V=%d; %,d LSTM flops per sequence-step trained, %,d inferred%n",
                System.getenv("OMP_NUM_THREADS"), Nd4j.getEnvironment().maxMasterThreads(),
                Runtime.getRuntime().availableProcessors(), threads, spec.embeddingSize(), spec.hiddenSize(),
                spec.sequenceLength(), spec.batchSize(), spec.vocabularySize(), trainingFlops, inferenceFlops);

        for (int r = 1; r <= repetitions; r++) {
            System.out.printf("-- repetition %d, load average %.2f%n", r,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            sgemm(1024, 1024, 1024, 10);
            sgemm(32, 240, 60, 2000);
            if (r == 1 && stockBatches > 0) {
                // The "before": the stock layer, measured once (it is 6-7x slower).
                measure("stock LSTM, workspaces on", spec, stockBatches, trainingFlops, network -> { });
                measure("stock LSTM, workspaces off", spec, stockBatches, trainingFlops, network -> {
                    network.getLayerWiseConfigurations().setTrainingWorkspaceMode(WorkspaceMode.NONE);
                    network.getLayerWiseConfigurations().setInferenceWorkspaceMode(WorkspaceMode.NONE);
                });
                measureEvaluation("stock LSTM, evaluation", spec, stockBatches, inferenceFlops, network -> { });
            }
            measure("fused LSTM, 1 thread", spec, fusedBatches, trainingFlops,
                    network -> FusedLstm.enable(network, 1));
            if (threads > 1) {
                measure("fused LSTM, " + threads + " threads", spec, fusedBatches, trainingFlops,
                        network -> FusedLstm.enable(network, threads));
            }
            measureEpochTrainer(spec, fusedBatches, trainingFlops);
            measureEvaluation("fused LSTM, evaluation", spec, fusedBatches, inferenceFlops, FusedLstm::enable);
        }
        System.out.printf("-- end, load average %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** ND4J's SGEMM (Nd4j.gemm) on [m, k]·[k, n] float matrices, {@code calls} times. */
    private static void sgemm(int m, int n, int k, int calls) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        Clock clock = Clock.start();
        for (int i = 0; i < calls; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double seconds = clock.wallSeconds();
        System.out.printf("  ND4J SGEMM [%d,%d]x[%d,%d]: %.1f GFLOP/s (%.1f us per call, CPU/wall %.2f)%n",
                m, k, k, n, 2.0 * m * n * k * calls / seconds / 1e9, seconds / calls * 1e6, clock.cpuShare());
    }

    private static void measure(String name, RunSpec spec, int batches, long flopsPerSequenceStep,
                                Consumer<MultiLayerNetwork> setup) {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        setup.accept(network);
        List<DataSet> minibatches = minibatches(spec, WARMUP_BATCHES + batches);
        for (int i = 0; i < WARMUP_BATCHES; i++) {
            network.fit(minibatches.get(i));
        }
        Clock clock = Clock.start();
        for (int i = WARMUP_BATCHES; i < minibatches.size(); i++) {
            network.fit(minibatches.get(i));
        }
        report(name, spec, batches, clock, flopsPerSequenceStep);
    }

    /** The trainer's own loop with its default (the fused LSTM on its default threads). */
    private static void measureEpochTrainer(RunSpec spec, int batches, long flopsPerSequenceStep) {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        EpochTrainer trainer = new EpochTrainer(spec.batchSize(), spec.seed());
        trainer.trainEpoch(network, sequences(spec, WARMUP_BATCHES * spec.batchSize()), 1);
        LabelledSequences train = sequences(spec, batches * spec.batchSize());
        Clock clock = Clock.start();
        trainer.trainEpoch(network, train, 2);
        report("fused LSTM, EpochTrainer", spec, batches, clock, flopsPerSequenceStep);
    }

    /**
     * The per-epoch evaluation ({@link SplitEvaluator}: inference in chunks of 256 reviews) of {@code batches} ·
     * batch reviews; FLOP/s counts the forward products only.
     */
    private static void measureEvaluation(String name, RunSpec spec, int batches, long flopsPerSequenceStep,
                                          Consumer<MultiLayerNetwork> setup) {
        MultiLayerNetwork network = SentimentNetworkFactory.create(spec);
        setup.accept(network);
        SplitEvaluator.evaluate(network, sequences(spec, WARMUP_BATCHES * spec.batchSize()));
        LabelledSequences split = sequences(spec, batches * spec.batchSize());
        Clock clock = Clock.start();
        SplitEvaluator.evaluate(network, split);
        report(name, spec, batches, clock, flopsPerSequenceStep);
    }

    private static void report(String name, RunSpec spec, int batches, Clock clock, long flopsPerSequenceStep) {
        double seconds = clock.wallSeconds();
        double sequenceSteps = (double) batches * spec.batchSize() * spec.sequenceLength();
        double rate = sequenceSteps / seconds;
        double cpuShare = clock.cpuShare();
        System.out.printf("  %-28s %,9.0f sequence-steps/s  %5.2f GFLOP/s  %6.1f ms per minibatch  CPU/wall %.2f  "
                        + "%,9.0f sequence-steps per CPU-s%n", name + ":", rate, rate * flopsPerSequenceStep / 1e9,
                seconds / batches * 1e3, cpuShare, rate / cpuShare);
    }

    /** Random reviews (uniform tokens, padding included) and labels: throughput does not depend on the data. */
    private static LabelledSequences sequences(RunSpec spec, int count) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int[][] tokens = new int[count][spec.sequenceLength()];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < spec.sequenceLength(); t++) {
                tokens[i][t] = random.nextInt(spec.vocabularySize());
            }
            labels[i] = random.nextInt(2);
        }
        return new LabelledSequences(tokens, labels);
    }

    private static List<DataSet> minibatches(RunSpec spec, int count) {
        LabelledSequences data = sequences(spec, count * spec.batchSize());
        List<DataSet> minibatches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray features = Nd4j.create(DataType.FLOAT, spec.batchSize(), spec.sequenceLength());
            INDArray labels = Nd4j.create(DataType.FLOAT, spec.batchSize(), 1);
            for (int i = 0; i < spec.batchSize(); i++) {
                int row = b * spec.batchSize() + i;
                for (int t = 0; t < spec.sequenceLength(); t++) {
                    features.putScalar(i, t, data.tokens()[row][t]);
                }
                labels.putScalar(i, 0, data.labels()[row]);
            }
            minibatches.add(new DataSet(features, labels));
        }
        return minibatches;
    }

    /** Wall time and this process's CPU time since {@link #start}. */
    private record Clock(long wallStart, long cpuStart) {

        static Clock start() {
            return new Clock(System.nanoTime(), processCpuNanos());
        }

        double wallSeconds() {
            return (System.nanoTime() - wallStart) / 1e9;
        }

        /** Process CPU time over wall time: ≈ threads busy; well below the thread count on a loaded machine. */
        double cpuShare() {
            return (double) (processCpuNanos() - cpuStart) / (System.nanoTime() - wallStart);
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
