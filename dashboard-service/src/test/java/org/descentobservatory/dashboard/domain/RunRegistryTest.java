package org.descentobservatory.dashboard.domain;

import org.descentobservatory.schemas.RunEndedEvent.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.descentobservatory.dashboard.Events.T0;
import static org.descentobservatory.dashboard.Events.analysis;
import static org.descentobservatory.dashboard.Events.asymptoticDistance;
import static org.descentobservatory.dashboard.Events.largestLyapunovExponent;
import static org.descentobservatory.dashboard.Events.lyapunovStandardError;
import static org.descentobservatory.dashboard.Events.checkpoint;
import static org.descentobservatory.dashboard.Events.ended;
import static org.descentobservatory.dashboard.Events.started;
import static org.descentobservatory.dashboard.Events.testLoss;
import static org.descentobservatory.dashboard.Events.trainLoss;
import static org.descentobservatory.dashboard.Events.weightNorms;
import static org.descentobservatory.dashboard.Events.wrongTestLoss;

class RunRegistryTest {

    private static final String RUN = "run-a";

    private final RunRegistry registry = new RunRegistry();

    @Test
    void joinsCheckpointAndAnalysisOfTheSameEpochIntoOneRow() {
        registry.apply(started(RUN, 3, T0));
        registry.apply(checkpoint(RUN, 1));
        registry.apply(analysis(RUN, 1, 1));
        registry.apply(checkpoint(RUN, 2));

        List<TimelineRow> rows = registry.timeline(RUN).orElseThrow();

        assertThat(rows).extracting(TimelineRow::epoch).containsExactly(1, 2);
        TimelineRow first = rows.get(0);
        assertThat(first.trainLoss()).isEqualTo(trainLoss(1));
        assertThat(first.testLoss()).isEqualTo(testLoss(1));
        assertThat(first.testAccuracy()).isEqualTo(checkpoint(RUN, 1).testAccuracy());
        assertThat(first.wrongTestLoss()).isEqualTo(wrongTestLoss(1)).isNotNull();
        assertThat(first.meanBatchLoss()).isEqualTo(checkpoint(RUN, 1).meanBatchLoss());
        assertThat(first.maxBatchLoss()).isEqualTo(checkpoint(RUN, 1).maxBatchLoss());
        assertThat(first.meanGradientNorm()).isEqualTo(checkpoint(RUN, 1).meanGradientNorm());
        assertThat(first.maxGradientNorm()).isEqualTo(checkpoint(RUN, 1).maxGradientNorm());
        assertThat(first.weightNorms()).containsExactlyEntriesOf(weightNorms(1));
        assertThat(first.wallTimeMs()).isEqualTo(checkpoint(RUN, 1).wallTimeMs());
        assertThat(first.asymptoticDistance()).isEqualTo(asymptoticDistance(1, 1));
        assertThat(first.chaoticFraction()).isEqualTo(analysis(RUN, 1, 1).chaoticFraction());
        assertThat(first.largestLyapunovExponent()).isEqualTo(largestLyapunovExponent(1, 1));
        assertThat(first.lyapunovStandardError()).isEqualTo(lyapunovStandardError(1)).isNotNull();
        assertThat(first.analysedAt()).isEqualTo(analysis(RUN, 1, 1).analysedAt());
        TimelineRow notYetAnalysed = rows.get(1);
        assertThat(notYetAnalysed.testLoss()).isEqualTo(testLoss(2));
        assertThat(notYetAnalysed.wrongTestLoss()).as("every test review right").isNull();
        assertThat(notYetAnalysed.maxGradientNorm()).isEqualTo(checkpoint(RUN, 2).maxGradientNorm());
        assertThat(notYetAnalysed.asymptoticDistance()).isNull();
        assertThat(notYetAnalysed.chaoticFraction()).isNull();
        assertThat(notYetAnalysed.largestLyapunovExponent()).isNull();
        assertThat(notYetAnalysed.lyapunovStandardError()).isNull();
        assertThat(notYetAnalysed.analysedAt()).isNull();
    }

    @Test
    void summaryCountsTrainedAndAnalysedEpochsAndReportsTheLatestTestLoss() {
        registry.apply(started(RUN, 10, T0));
        registry.apply(checkpoint(RUN, 2));
        registry.apply(checkpoint(RUN, 1));
        registry.apply(checkpoint(RUN, 3));
        registry.apply(analysis(RUN, 1, 1));

        RunSummary summary = registry.summary(RUN).orElseThrow();

        assertThat(summary.runId()).isEqualTo(RUN);
        assertThat(summary.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(summary.spec()).isEqualTo(started(RUN, 10, T0).spec());
        assertThat(summary.startedAt()).isEqualTo(T0);
        assertThat(summary.endedAt()).isNull();
        assertThat(summary.epochsPlanned()).isEqualTo(10);
        assertThat(summary.epochsTrained()).isEqualTo(3);
        assertThat(summary.epochsAnalysed()).isEqualTo(1);
        assertThat(summary.latestTestLoss()).isEqualTo(testLoss(3));
    }

    @Test
    void eventsBeforeTheRunStartedEventCreateTheRunAndAreKeptWhenItArrives() {
        registry.apply(analysis(RUN, 2, 1));
        registry.apply(checkpoint(RUN, 1));

        RunSummary early = registry.summary(RUN).orElseThrow();
        assertThat(early.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(early.spec()).isNull();
        assertThat(early.startedAt()).isNull();
        assertThat(early.epochsPlanned()).isNull();
        List<TimelineRow> earlyRows = registry.timeline(RUN).orElseThrow();
        assertThat(earlyRows).extracting(TimelineRow::epoch).containsExactly(1, 2);
        assertThat(earlyRows.get(1).testLoss()).as("analysed epoch without checkpoint yet").isNull();
        assertThat(earlyRows.get(1).meanBatchLoss()).isNull();
        assertThat(earlyRows.get(1).weightNorms()).isNull();
        assertThat(earlyRows.get(1).asymptoticDistance()).isEqualTo(asymptoticDistance(2, 1));

        registry.apply(started(RUN, 5, T0));
        registry.apply(checkpoint(RUN, 2));

        assertThat(registry.summary(RUN).orElseThrow().epochsPlanned()).isEqualTo(5);
        List<TimelineRow> rows = registry.timeline(RUN).orElseThrow();
        assertThat(rows).extracting(TimelineRow::epoch).containsExactly(1, 2);
        assertThat(rows.get(1).testLoss()).as("checkpoint after its analysis").isEqualTo(testLoss(2));
        assertThat(rows.get(1).asymptoticDistance()).isEqualTo(asymptoticDistance(2, 1));
    }

    @Test
    void aRepeatedCheckpointGivesOneRow() {
        registry.apply(checkpoint(RUN, 4));
        registry.apply(checkpoint(RUN, 4));

        assertThat(registry.timeline(RUN).orElseThrow()).hasSize(1);
        assertThat(registry.summary(RUN).orElseThrow().epochsTrained()).isEqualTo(1);
    }

    @Test
    void theLastAnalysisOfAnEpochToArriveWins() {
        registry.apply(checkpoint(RUN, 1));
        registry.apply(analysis(RUN, 1, 2));
        registry.apply(analysis(RUN, 1, 1));

        TimelineRow row = registry.timeline(RUN).orElseThrow().get(0);
        assertThat(row.asymptoticDistance()).isEqualTo(asymptoticDistance(1, 1));
        assertThat(row.largestLyapunovExponent()).isEqualTo(largestLyapunovExponent(1, 1));
        assertThat(row.analysedAt()).isEqualTo(analysis(RUN, 1, 1).analysedAt());
        assertThat(registry.summary(RUN).orElseThrow().epochsAnalysed()).isEqualTo(1);
    }

    @Test
    void rowsAreSortedByEpochWhateverTheArrivalOrder() {
        List<Integer> epochs = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        Collections.shuffle(epochs, new Random(42));
        for (int epoch : epochs) {
            if (epoch % 2 == 0) {
                registry.apply(checkpoint(RUN, epoch));
            } else {
                registry.apply(analysis(RUN, epoch, 1));
            }
        }

        assertThat(registry.timeline(RUN).orElseThrow()).extracting(TimelineRow::epoch).isSorted().hasSize(12);
    }

    @Test
    void anUnknownRunHasNoSummaryAndNoTimeline() {
        registry.apply(started(RUN, 3, T0));

        assertThat(registry.summary("no-such-run")).isEmpty();
        assertThat(registry.timeline("no-such-run")).isEmpty();
    }

    @Test
    void theEndEventSetsStatusReasonAndEndTime() {
        registry.apply(started(RUN, 3, T0));
        assertThat(registry.summary(RUN).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        registry.apply(ended(RUN, Status.FAILED, "out of memory", 2));

        RunSummary failed = registry.summary(RUN).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("out of memory");
        assertThat(failed.endedAt()).isEqualTo(ended(RUN, Status.FAILED, "out of memory", 2).endedAt());
    }

    @Test
    void eachEndStatusMapsToItsRunStatus() {
        registry.apply(ended("completed", Status.COMPLETED, null, 3));
        registry.apply(ended("cancelled", Status.CANCELLED, "user asked", 1));

        assertThat(registry.summary("completed").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(registry.summary("completed").orElseThrow().reason()).isNull();
        assertThat(registry.summary("cancelled").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(registry.summary("cancelled").orElseThrow().reason()).isEqualTo("user asked");
    }

    @Test
    void aRunStartedEventReadAfterTheEndEventDoesNotReopenTheRun() {
        registry.apply(ended(RUN, Status.COMPLETED, null, 3));
        registry.apply(started(RUN, 3, T0));

        RunSummary summary = registry.summary(RUN).orElseThrow();
        assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(summary.startedAt()).isEqualTo(T0);
        assertThat(summary.epochsPlanned()).isEqualTo(3);
    }

    @Test
    void summariesListNewestRunFirstAndRunsNotYetStartedBeforeThem() {
        registry.apply(started("old", 3, T0));
        registry.apply(started("new", 3, T0.plusSeconds(60)));
        registry.apply(checkpoint("unstarted", 1));

        assertThat(registry.summaries()).extracting(RunSummary::runId).containsExactly("unstarted", "new", "old");
    }

    @Test
    void concurrentFeedsOfAllEventKindsLoseNothing() throws InterruptedException {
        int runs = 8;
        int epochs = 200;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int kind = 0; kind < 4; kind++) {
            int k = kind;
            pool.submit(() -> {
                go.await();
                for (int r = 0; r < runs; r++) {
                    String run = "run-" + r;
                    switch (k) {
                        case 0 -> registry.apply(started(run, epochs, T0.plusSeconds(r)));
                        case 1 -> { for (int e = 1; e <= epochs; e++) registry.apply(checkpoint(run, e)); }
                        case 2 -> { for (int e = 1; e <= epochs; e++) registry.apply(analysis(run, e, 1)); }
                        default -> registry.apply(ended(run, Status.COMPLETED, null, epochs));
                    }
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(registry.summaries()).hasSize(runs).allSatisfy(summary -> {
            assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(summary.epochsPlanned()).isEqualTo(epochs);
            assertThat(summary.epochsTrained()).isEqualTo(epochs);
            assertThat(summary.epochsAnalysed()).isEqualTo(epochs);
        });
    }

    @Test
    void anUnlabelledAnalysisGetsItsPhaseFromTheThresholdAndALabelledOneKeepsTheAnalyzers() {
        registry.apply(analysis(RUN, 1, -15.0, 1, null, null));
        registry.apply(analysis(RUN, 2, -13.0, 1, null, null));
        registry.apply(analysis(RUN, 3, -15.0, 1, "edge", null));

        List<TimelineRow> rows = registry.timeline(RUN).orElseThrow();
        assertThat(rows).extracting(TimelineRow::phase).containsExactly("order", "chaos", "edge");
        assertThat(rows).extracting(TimelineRow::phaseLabelledByAnalyzer).containsExactly(false, false, true);
    }

    @Test
    void readoutsAreKeptPerEpochAndAReanalysisReplacesThem() {
        registry.apply(analysis(RUN, 1, 1, null, List.of(0.5, 1.5)));
        registry.apply(analysis(RUN, 2, 1, null, List.of(2.0)));
        registry.apply(analysis(RUN, 1, 2, null, List.of(7.0, 8.0, 9.0)));
        registry.apply(analysis(RUN, 2, 2, null, null));

        var readouts = registry.readouts(RUN, 1, 10).orElseThrow();
        assertThat(readouts.keySet()).containsExactly(1);
        assertThat(readouts.get(1)).containsExactly(7.0, 8.0, 9.0);
        assertThat(registry.readouts("no-such-run", 1, 10)).isEmpty();
    }

    @Test
    void everyAppliedCheckpointOrAnalysisIsAnnouncedWithItsJoinedRow() {
        List<String> announced = new ArrayList<>();
        registry.onRowChanged((run, row) -> announced.add(run + "/" + row.epoch() + "/" + row.testLoss() + "/"
                + row.asymptoticDistance()));

        registry.apply(checkpoint(RUN, 1));
        registry.apply(analysis(RUN, 1, 1));
        registry.apply(started(RUN, 3, T0));

        assertThat(announced).containsExactly(RUN + "/1/" + testLoss(1) + "/null",
                RUN + "/1/" + testLoss(1) + "/" + asymptoticDistance(1, 1));
    }
}
