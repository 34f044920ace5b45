package org.descentobservatory.dashboard.domain.descent;

/**
 * One analysed epoch as the phase detection sees it.
 *
 * @param epoch              the epoch
 * @param asymptoticDistance D̃
 * @param phase              the analyzer's label or the one D̃ implies ({@link Phase#of})
 */
public record AnalysedEpoch(int epoch, double asymptoticDistance, Phase phase) {
}
