package org.descentobservatory.dashboard.domain.descent;

/** Central tolerances of the dashboard's numeric tests. */
public final class Tolerances {

    /** Sums of a few hundred doubles of order 1: rounding stays far below this. */
    public static final double ARITHMETIC = 1e-12;

    private Tolerances() {
    }
}
