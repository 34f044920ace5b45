package org.descentobservatory.dashboard.domain.descent;

/**
 * A sharp rise or fall of D̃ between analysed epochs, whatever the threshold says.
 *
 * @param epoch         the analysed epoch at which the jump starts to show (the later epoch of its first step)
 * @param previousEpoch the analysed epoch before the jump
 * @param delta         D̃ after the jump minus D̃ before it (summed over consecutive steps in the same direction)
 * @param direction     {@code rise} (toward chaos) or {@code fall} (toward order)
 */
public record ChangePoint(int epoch, int previousEpoch, double delta, String direction) {

    public static final String RISE = "rise";
    public static final String FALL = "fall";
}
