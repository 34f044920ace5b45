package org.descentobservatory.analyzer.service;

import org.descentobservatory.analyzer.compute.AnalysedNetwork;
import org.descentobservatory.analyzer.compute.AsymptoticDistance;
import org.descentobservatory.analyzer.compute.PhaseLabel;
import org.descentobservatory.schemas.AnalysisEvent;

/** The analysis event's names for the compute package's enums (the schema's enum values). */
final class EventNames {

    private EventNames() {
    }

    static String perturbationTarget(AsymptoticDistance.PerturbationTarget target) {
        return switch (target) {
            case INITIAL_HIDDEN -> AnalysisEvent.PERTURB_INITIAL_HIDDEN;
            case DRIVE_END_HIDDEN -> AnalysisEvent.PERTURB_DRIVE_END_HIDDEN;
        };
    }

    static String dynamics(AnalysedNetwork.Dynamics dynamics) {
        return switch (dynamics) {
            case ZERO_INPUT -> AnalysisEvent.DYNAMICS_ZERO_INPUT;
            case CLOSED_LOOP -> AnalysisEvent.DYNAMICS_CLOSED_LOOP;
        };
    }

    static String phase(PhaseLabel.Phase phase) {
        return switch (phase) {
            case ORDER -> AnalysisEvent.PHASE_ORDER;
            case EDGE -> AnalysisEvent.PHASE_EDGE;
            case CHAOS -> AnalysisEvent.PHASE_CHAOS;
        };
    }
}
