package org.descentobservatory.trainer.domain;

/**
 * How fast a run advances, from the completion times of its recent epochs.
 *
 * @param epochsPerSecond epochs completed per second over the recent epochs; null before two epochs are known
 * @param etaSeconds      seconds until the last epoch at that rate; null when the rate is unknown
 */
public record RunProgress(Double epochsPerSecond, Long etaSeconds) {

    public static final RunProgress UNKNOWN = new RunProgress(null, null);
}
