package org.descentobservatory.e2e;

import org.descentobservatory.infra.ChildProcess;
import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.ObservatoryService;
import org.descentobservatory.infra.ObservatoryStack;
import org.descentobservatory.infra.ProjectLayout;
import org.descentobservatory.infra.ServiceProcess;
import org.descentobservatory.infra.StackOptions;
import org.descentobservatory.infra.TrainerClient;
import org.descentobservatory.schemas.AnalysisEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once delivery with idempotent results, on the real processes: the analyzer is killed with SIGKILL (no
 * shutdown hook, no offset commit) in the middle of a run's analyses and started again in the same consumer group.
 * Afterwards every checkpoint of the run has an analysis, and any checkpoint analysed twice (the one in flight at
 * the kill) has two identical ones, so the dashboard, which keeps the last per epoch, shows exactly one.
 */
class AnalyzerKillTest {

    private static final int EPOCHS = 4;
    /** Bounds each wait; generous because on a shared 2-core machine one slow analysis took minutes. */
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /**
     * A small run; the analysis is made slower (T = 8000 zero-input steps, a few seconds per checkpoint on a quiet
     * machine against the milliseconds training an epoch takes) so that the kill lands mid-analysis.
     */
    private static final Map<String, Object> SMALL_RUN = Map.of(
            "epochs", EPOCHS, "trainSize", 128, "testSize", 64, "sequenceLength", 30,
            "hiddenSize", 12, "embeddingSize", 8, "probeCount", 16, "seed", 13);
    private static final Map<String, String> SLOW_ANALYSIS = Map.of(
            "observatory.analysis.total-steps", "8000",
            "observatory.analysis.lyapunov-steps", "2000");

    @Test
    void afterAKillDashNineMidAnalysisEveryCheckpointHasExactlyOneDistinctAnalysis() throws Exception {
        // A fresh broker and store: a backlog left by an earlier run of this test would delay this one's checkpoints.
        Path workDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-kill-work-");
        ServiceProcess slow = null;
        ServiceProcess restarted = null;
        try (ObservatoryStack stack = ObservatoryStack.start(StackOptions.freePorts(workDir))) {
            // The stack's analyzer gets the stack's settings; replace it by a slow one (the settings are the
            // analyzer's only: the other services refuse unknown observatory.* keys).
            kill(stack.processes().stream()
                    .filter(process -> process.name().equals(ObservatoryService.ANALYZER.module()))
                    .findFirst().orElseThrow());
            slow = ServiceProcess.launch(ProjectLayout.locate(), ObservatoryService.ANALYZER,
                    workDir.resolve("slow"), 0, analyzerConfig(stack.infrastructure()));
            slow.awaitReady();
            String runId = new TrainerClient(stack.trainerUrl()).startRun(SMALL_RUN);
            List<AnalysisEvent> seen;
            int beforeRestart;
            try (RunAnalyses analyses = new RunAnalyses(stack.infrastructure().kafkaBootstrapServers(), runId)) {
                // Kill once the first analysis is out: the next checkpoint's is then under way (each takes seconds).
                await().atMost(DEADLINE).until(() -> analyses.poll().size() >= 1);
                kill(slow.process());
                beforeRestart = analyses.poll().size();

                restarted = ServiceProcess.launch(ProjectLayout.locate(), ObservatoryService.ANALYZER,
                        workDir.resolve("restarted"), 0, analyzerConfig(stack.infrastructure()));
                restarted.awaitReady();
                await().atMost(DEADLINE).until(() -> analyses.pollEpochs().stream().distinct().count() == EPOCHS);
                seen = analyses.poll();
            }

            Map<Integer, List<AnalysisEvent>> byEpoch = seen.stream()
                    .collect(Collectors.groupingBy(AnalysisEvent::epoch, TreeMap::new, Collectors.toList()));
            assertThat(byEpoch.keySet()).containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
            assertThat(beforeRestart).as("the kill came before the run was fully analysed").isLessThan(EPOCHS);
            for (List<AnalysisEvent> copies : byEpoch.values()) {
                for (AnalysisEvent copy : copies) {
                    assertThat(copy).usingRecursiveComparison().ignoringFields("durationMs", "analysedAt")
                            .isEqualTo(copies.get(0));
                }
            }
            Set<Integer> dashboardEpochs = new ObservatoryApi(stack.dashboardUrl()).timelineRows(runId)
                    .findValues("epoch").stream().map(node -> node.asInt()).collect(Collectors.toSet());
            assertThat(dashboardEpochs).hasSize(EPOCHS);
        } finally {
            for (ServiceProcess analyzer : new ServiceProcess[]{slow, restarted}) {
                if (analyzer != null) {
                    analyzer.close();
                }
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, no offset is committed. */
    private static void kill(ChildProcess process) throws Exception {
        process.handle().destroyForcibly();
        process.onExit().get();
    }

    /** The stack's connection settings (as ObservatoryStack gives its services) plus the slow analysis. */
    private static Map<String, String> analyzerConfig(LocalInfrastructure infrastructure) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("observatory.store.endpoint", infrastructure.storeEndpoint());
        config.put("observatory.store.access-key", infrastructure.storeAccessKey());
        config.put("observatory.store.secret-key", infrastructure.storeSecretKey());
        config.put("observatory.store.bucket", infrastructure.bucket());
        config.putAll(SLOW_ANALYSIS);
        return config;
    }
}
