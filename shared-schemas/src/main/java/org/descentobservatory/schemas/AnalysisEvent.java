package org.descentobservatory.schemas;

import java.time.Instant;

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
        String analyzerVersion,
        long durationMs,
        Instant analysedAt) implements ObservatoryEvent {

    public static final int SCHEMA_VERSION = 1;
}
