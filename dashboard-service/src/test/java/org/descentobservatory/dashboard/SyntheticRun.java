package org.descentobservatory.dashboard;

import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.RunStartedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Events of a run shaped like the paper's (not a trained network: a construction, so the browser tests and the
 * benchmark get long runs in seconds). Test loss falls to an optimum at a tenth of the planned epochs, then goes
 * through three sawtooth cycles (a slow rise over 90 % of a cycle, a sharp drop over the rest); the phase is order
 * before the optimum, edge for three epochs there, then chaos, falling back to order at each drop for the first
 * 30 % of the next cycle; the training loss spikes two epochs before each drop. Every seventh analysis carries no
 * phase label (as from an older analyzer) so the dashboard's D̃ fallback is exercised too. Per-probe readouts
 * collapse in order and scatter in chaos. Deterministic for a seed.
 */
public final class SyntheticRun {

    private final String runId;
    private final int plannedEpochs;
    private final int probes;
    private final long seed;
    private final int optimum;
    private final int cycle;

    public SyntheticRun(String runId, int plannedEpochs, int probes, long seed) {
        this.runId = runId;
        this.plannedEpochs = plannedEpochs;
        this.probes = probes;
        this.seed = seed;
        this.optimum = Math.max(5, plannedEpochs / 10);
        this.cycle = Math.max(10, (plannedEpochs - optimum) / 3);
    }

    public RunStartedEvent started() {
        return Events.started(runId, plannedEpochs, Events.T0);
    }

    /** Position in the current cycle after the optimum, in [0, 1); negative before the optimum. */
    private double cyclePosition(int epoch) {
        return epoch <= optimum ? -1 : ((epoch - optimum) % cycle) / (double) cycle;
    }

    public double testLoss(int epoch) {
        double noise = 0.003 * new Random(seed * 1_000_003L + epoch).nextGaussian();
        if (epoch <= optimum) {
            return 0.70 - 0.38 * (epoch - 1) / (double) (optimum - 1) + noise;
        }
        int k = (epoch - optimum) / cycle;
        double base = 0.32 + 0.05 * k;
        double p = cyclePosition(epoch);
        double rise = 0.45;
        return (p < 0.9 ? base + rise * p / 0.9 : base + rise - (rise - 0.05) * (p - 0.9) / 0.1) + noise;
    }

    public double trainLoss(int epoch) {
        double p = cyclePosition(epoch);
        double spike = p >= 0 && Math.abs(p - (0.9 - 2.0 / cycle)) < 0.5 / cycle ? 4.0 : 1.0;
        return spike * 0.5 / Math.sqrt(epoch);
    }

    public String phase(int epoch) {
        if (epoch < optimum) {
            return AnalysisEvent.PHASE_ORDER;
        }
        if (epoch < optimum + 3) {
            return AnalysisEvent.PHASE_EDGE;
        }
        double p = cyclePosition(epoch);
        return epoch > optimum + cycle && p < 0.3 ? AnalysisEvent.PHASE_ORDER : AnalysisEvent.PHASE_CHAOS;
    }

    public double asymptoticDistance(int epoch) {
        return switch (phase(epoch)) {
            case AnalysisEvent.PHASE_ORDER -> -15.0;
            case AnalysisEvent.PHASE_EDGE -> -11.0;
            default -> -4.0 + 0.3 * new Random(seed + epoch).nextGaussian();
        };
    }

    public CheckpointEvent checkpoint(int epoch) {
        double train = trainLoss(epoch);
        return CheckpointEvent.of(runId, epoch, train, testLoss(epoch), 0.9 - testLoss(epoch) / 10, null,
                train, 1.5 * train, 0.2 + train, 0.5 + 2 * train,
                Map.of("0_W", 60.0 + 0.01 * epoch, "1_W", 10.0 + 0.01 * epoch, "1_RW", 13.0 + 0.02 * epoch),
                ObjectKeys.checkpoint(runId, epoch), "ab".repeat(32), 197_000L, 10_000L, Events.T0.plusSeconds(epoch));
    }

    public AnalysisEvent analysis(int epoch) {
        String phase = phase(epoch);
        Random random = new Random(seed * 31 + epoch);
        double spread = switch (phase) {
            case AnalysisEvent.PHASE_ORDER -> 1e-3;
            case AnalysisEvent.PHASE_EDGE -> 0.5;
            default -> 2.0;
        };
        List<Double> readouts = new ArrayList<>(probes);
        for (int i = 0; i < probes; i++) {
            readouts.add(3.0 + spread * random.nextGaussian());
        }
        return Events.analysis(runId, epoch, asymptoticDistance(epoch), 1, epoch % 7 == 0 ? null : phase, readouts);
    }
}
