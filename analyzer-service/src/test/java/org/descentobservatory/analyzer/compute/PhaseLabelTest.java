package org.descentobservatory.analyzer.compute;

import org.descentobservatory.analyzer.compute.PhaseLabel.Phase;
import org.descentobservatory.analyzer.compute.PhaseLabel.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The phase rule of {@link PhaseLabel} (docs/order-chaos.md), case by case, at the analyzer's default thresholds. */
class PhaseLabelTest {

    /** The defaults of {@code observatory.analysis.phase.*}. */
    private static final Thresholds DEFAULTS = new Thresholds(0.005, 2, 0.05, 0.95);

    @Test
    void contractingMapWithEveryPerturbationDeadIsOrder() {
        assertThat(PhaseLabel.of(0, -0.1, 0.01, DEFAULTS)).isEqualTo(Phase.ORDER);
        assertThat(PhaseLabel.of(0.05, -0.1, Double.NaN, DEFAULTS)).isEqualTo(Phase.ORDER);
    }

    @Test
    void expandingMapWithEveryPerturbationGrownIsChaos() {
        assertThat(PhaseLabel.of(1, 0.2, 0.01, DEFAULTS)).isEqualTo(Phase.CHAOS);
        assertThat(PhaseLabel.of(0.95, 0.2, Double.NaN, DEFAULTS)).isEqualTo(Phase.CHAOS);
    }

    @Test
    void aMarginalExponentIsEdgeWhateverTheFraction() {
        assertThat(PhaseLabel.of(0, -0.004, 0.0001, DEFAULTS)).as("inside the band").isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(1, 0.004, Double.NaN, DEFAULTS)).as("inside the band").isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(0, -0.05, 0.03, DEFAULTS)).as("within 2 standard errors").isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(0, -0.07, 0.03, DEFAULTS)).as("beyond 2 standard errors").isEqualTo(Phase.ORDER);
    }

    @Test
    void probesSplitBetweenOrderAndChaosOrDisagreeingMeasurementsAreEdge() {
        assertThat(PhaseLabel.of(0.5, -0.1, 0.01, DEFAULTS)).isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(0.5, 0.1, 0.01, DEFAULTS)).isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(1, -0.1, 0.01, DEFAULTS)).as("D~ chaotic, lambda1 ordered").isEqualTo(Phase.EDGE);
        assertThat(PhaseLabel.of(0, 0.1, 0.01, DEFAULTS)).as("D~ ordered, lambda1 chaotic").isEqualTo(Phase.EDGE);
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThatThrownBy(() -> new Thresholds(-1, 2, 0.05, 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(0.005, 2, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
