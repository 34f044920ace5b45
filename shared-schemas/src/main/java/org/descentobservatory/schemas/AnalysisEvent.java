package org.descentobservatory.schemas;

import java.time.Instant;
import java.util.List;

/**
 * Order/chaos metrics of one checkpoint, computed by the paper's asymptotic-stability protocol.
 *
 * @param epoch               the analysed checkpoint's epoch
 * @param asymptoticDistance  D̃ = mean over probes of log(‖h′_T − h_T‖ + e^floorLog); at {@code floorLog}: order
 * @param chaoticFraction     share of probes whose log-distance lies above the floor
 * @param probeCount          probes used
 * @param drivenSteps         steps driven by the review's tokens before the zero input
 * @param totalSteps          T, the step at which the distance is read
 * @param perturbation        size of the perturbation added to the initial hidden state
 * @param floorLog            log of the floor added to every distance (paper: −15)
 * @param largestLyapunovExponent λ₁ of the zero-input map, per map step, averaged over the first
 *                            {@code lyapunovProbes} probes (each started from the state its tokens leave)
 * @param lyapunovStandardError standard error of that mean over probes; null when only one probe was used
 * @param lyapunovProbes      probes λ₁ was averaged over
 * @param lyapunovTransientSteps zero-input steps evolved before averaging
 * @param lyapunovSteps       zero-input steps averaged
 * @param perturbationTarget  where the perturbation is applied: {@code initial-hidden} (h₋₁, the paper's) or
 *                            {@code drive-end-hidden} (h after the driven steps)
 * @param dynamics            the autonomous map analysed: {@code zero-input} (classifiers, the paper's) or
 *                            {@code closed-loop} (forecasters: output fed back as the next input)
 * @param logDistanceQuantiles distribution over probes of log D_i (nearest rank); always set by analyzers since
 *                            0.1.0 (nullable in the schema for older events)
 * @param asymptoticReadouts  per probe, Σ_j h_T,j of the unperturbed trajectory (the bifurcation-diagram
 *                            readout), in probe order; always set since 0.1.0
 * @param lyapunovSpectrum    top-k exponents λ₁ ≥ … ≥ λ_k per map step, mean over probes (k =
 *                            {@code observatory.analysis.lyapunov-exponents}, cut to the map's dimension; its first
 *                            entry is {@code largestLyapunovExponent}); always set since 0.1.0
 * @param lyapunovSpectrumStandardErrors standard error of each of those means; null when only one probe was used
 * @param phase               order, edge or chaos by the rule in docs/order-chaos.md; always set since 0.1.0
 * @param analyzerVersion     version of the analyzer that computed this
 * @param durationMs          wall-clock time of the analysis
 * @param analysedAt          when the analysis finished
 */
public record AnalysisEvent(
        int schemaVersion,
        String runId,
        int epoch,
        double asymptoticDistance,
        double chaoticFraction,
        int probeCount,
        int drivenSteps,
        int totalSteps,
        double perturbation,
        double floorLog,
        double largestLyapunovExponent,
        Double lyapunovStandardError,
        int lyapunovProbes,
        int lyapunovTransientSteps,
        int lyapunovSteps,
        String perturbationTarget,
        String dynamics,
        Quantiles logDistanceQuantiles,
        List<Double> asymptoticReadouts,
        List<Double> lyapunovSpectrum,
        List<Double> lyapunovSpectrumStandardErrors,
        String phase,
        String analyzerVersion,
        long durationMs,
        Instant analysedAt) implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;

    public static final String PERTURB_INITIAL_HIDDEN = "initial-hidden";
    public static final String PERTURB_DRIVE_END_HIDDEN = "drive-end-hidden";
    public static final String DYNAMICS_ZERO_INPUT = "zero-input";
    public static final String DYNAMICS_CLOSED_LOOP = "closed-loop";
    public static final String PHASE_ORDER = "order";
    public static final String PHASE_EDGE = "edge";
    public static final String PHASE_CHAOS = "chaos";
}
