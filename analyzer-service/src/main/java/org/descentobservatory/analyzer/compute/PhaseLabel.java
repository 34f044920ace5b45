package org.descentobservatory.analyzer.compute;

/**
 * The phase of one checkpoint, order, edge or chaos, from its two order/chaos measurements: the chaotic fraction
 * f of the asymptotic-distance protocol (share of probes whose perturbation outgrew the floor e^{floorLog}) and the
 * largest Lyapunov exponent λ₁ of the autonomous map with its standard error over probes. The rule and its
 * reasoning are in docs/order-chaos.md:
 * <pre>
 * margin = max(λ-band, z·SE(λ₁))                     (SE unknown for one probe: the band alone)
 * order  if λ₁ &lt; −margin and f ≤ f_low          every probe's perturbation died, and the map contracts
 * chaos  if λ₁ &gt; +margin and f ≥ f_high         (nearly) every probe's perturbation grew, and the map expands
 * edge   otherwise: λ₁ indistinguishable from 0 (marginal), probes split between ordered and chaotic
 *        (f_low &lt; f &lt; f_high), or the two measurements disagree (finite-time effects near a transition)
 * </pre>
 * Cost: O(1).
 */
public final class PhaseLabel {

    /** The three labels. */
    public enum Phase {
        ORDER, EDGE, CHAOS
    }

    /**
     * The thresholds of the rule.
     *
     * @param lyapunovBand    |λ₁| at or below which the map counts as marginal, per map step (&gt; 0 or 0)
     * @param standardErrors  z: λ₁ within z standard errors of 0 also counts as marginal
     * @param fractionLow     f at or below which the distance protocol says order, in [0, 1)
     * @param fractionHigh    f at or above which it says chaos, in (fractionLow, 1]
     */
    public record Thresholds(double lyapunovBand, double standardErrors, double fractionLow, double fractionHigh) {

        /** Preconditions: band ≥ 0, z ≥ 0, 0 ≤ fractionLow &lt; fractionHigh ≤ 1. */
        public Thresholds {
            if (!(lyapunovBand >= 0) || !(standardErrors >= 0)) {
                throw new IllegalArgumentException("The lambda band and z must be >= 0, got " + lyapunovBand + ", "
                        + standardErrors);
            }
            if (!(fractionLow >= 0 && fractionLow < fractionHigh && fractionHigh <= 1)) {
                throw new IllegalArgumentException("Need 0 <= fraction-low < fraction-high <= 1, got " + fractionLow
                        + ", " + fractionHigh);
            }
        }
    }

    private PhaseLabel() {
    }

    /**
     * The phase by the rule of the class comment.
     *
     * @param chaoticFraction          f, in [0, 1]
     * @param lambda1                  λ₁ per map step (finite: see {@code LyapunovSpectrum.LOG_GROWTH_FLOOR})
     * @param lambda1StandardError     its standard error over probes; NaN when unknown (one probe)
     */
    public static Phase of(double chaoticFraction, double lambda1, double lambda1StandardError,
                           Thresholds thresholds) {
        double margin = Double.isNaN(lambda1StandardError) ? thresholds.lyapunovBand()
                : Math.max(thresholds.lyapunovBand(), thresholds.standardErrors() * lambda1StandardError);
        if (lambda1 < -margin && chaoticFraction <= thresholds.fractionLow()) {
            return Phase.ORDER;
        }
        if (lambda1 > margin && chaoticFraction >= thresholds.fractionHigh()) {
            return Phase.CHAOS;
        }
        return Phase.EDGE;
    }
}
