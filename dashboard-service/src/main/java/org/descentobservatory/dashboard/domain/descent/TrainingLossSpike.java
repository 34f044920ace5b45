package org.descentobservatory.dashboard.domain.descent;

/**
 * An epoch whose training loss jumped up against the previous checkpoint (optimizer instability, the "slingshot"
 * signature the second probe saw right before later test-loss minima).
 *
 * @param epoch    the epoch of the jump
 * @param before   training loss of the previous checkpoint
 * @param after    training loss at {@code epoch}
 */
public record TrainingLossSpike(int epoch, double before, double after) {

    /** after / before. */
    public double ratio() {
        return after / before;
    }
}
