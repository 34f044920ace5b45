package org.descentobservatory.dashboard.domain.descent;

/**
 * Knobs of the descent detection; each has a default chosen for runs of a few hundred to 10,000 epochs
 * (docs/dashboard.md gives the reasoning). A null knob takes its default, resolved against the run by
 * {@link DescentDetector}.
 *
 * @param smoothingHalfWidth   h of the centred moving average over test loss, in checkpoints; default n / 200
 *                             (0 below 200 checkpoints, 50 at 10,000)
 * @param prominenceFraction   a local extremum of the smoothed test loss counts when its prominence is at least
 *                             this share of the smoothed curve's range (max − min); default 0.05
 * @param changePointJump      a D̃ step of at least this many units between analysed epochs is a change point;
 *                             default 2.0 (the first probe saw falls of 3–4 units that stayed above −14)
 * @param spikeRatio           a training-loss spike is an epoch whose training loss is at least this many times the
 *                             previous checkpoint's; default 2.0 (the second probe's spikes were ×4.9 to ×12.5)
 * @param optimumToleranceEpochs the global optimum "falls at" the first order→chaos transition when they are at most
 *                             this many epochs apart; default twice the median gap between analysed epochs
 */
public record DescentSettings(
        Integer smoothingHalfWidth,
        Double prominenceFraction,
        Double changePointJump,
        Double spikeRatio,
        Integer optimumToleranceEpochs) {

    public static final double DEFAULT_PROMINENCE_FRACTION = 0.05;
    public static final double DEFAULT_CHANGE_POINT_JUMP = 2.0;
    public static final double DEFAULT_SPIKE_RATIO = 2.0;
    /** Checkpoints per unit of the default smoothing half-width. */
    public static final int CHECKPOINTS_PER_HALF_WIDTH = 200;

    /** Every knob at its default. */
    public static final DescentSettings DEFAULTS = new DescentSettings(null, null, null, null, null);

    public DescentSettings {
        requireAtLeast("smoothingHalfWidth", smoothingHalfWidth, 0);
        requireAtLeast("optimumToleranceEpochs", optimumToleranceEpochs, 0);
        if (prominenceFraction != null && !(prominenceFraction >= 0 && prominenceFraction <= 1)) {
            throw new IllegalArgumentException("prominenceFraction must be in [0, 1], was " + prominenceFraction);
        }
        if (changePointJump != null && !(changePointJump > 0)) {
            throw new IllegalArgumentException("changePointJump must be > 0, was " + changePointJump);
        }
        if (spikeRatio != null && !(spikeRatio > 1)) {
            throw new IllegalArgumentException("spikeRatio must be > 1, was " + spikeRatio);
        }
    }

    private static void requireAtLeast(String name, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
