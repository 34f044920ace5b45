package org.descentobservatory.dashboard.domain.descent;

import org.descentobservatory.schemas.AnalysisEvent;

/**
 * Where an analysed checkpoint sits between order and chaos. The analyzer labels each analysis
 * ({@code order}, {@code edge}, {@code chaos}, rules in docs/order-chaos.md); an analysis without a label (older
 * analyzers) is classified here from D̃ alone, which knows no edge.
 */
public enum Phase {
    ORDER(AnalysisEvent.PHASE_ORDER), EDGE(AnalysisEvent.PHASE_EDGE), CHAOS(AnalysisEvent.PHASE_CHAOS);

    /**
     * D̃ above this is chaos when the analyzer gave no label: one unit above the paper's floor log(e⁻¹⁵) = −15, so a
     * perturbation that stayed above the floor on a sizeable share of probes counts (science.md; the first probe
     * used the same threshold).
     */
    public static final double CHAOS_THRESHOLD_D_TILDE = -14.0;

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The label as events and the API spell it. */
    public String label() {
        return label;
    }

    /** The analyzer's label, or, when it gave none, the phase D̃ implies; null for an unknown label. */
    public static Phase of(String analyzerLabel, double asymptoticDistance) {
        if (analyzerLabel == null) {
            return asymptoticDistance > CHAOS_THRESHOLD_D_TILDE ? CHAOS : ORDER;
        }
        for (Phase phase : values()) {
            if (phase.label.equals(analyzerLabel)) {
                return phase;
            }
        }
        return null;
    }
}
