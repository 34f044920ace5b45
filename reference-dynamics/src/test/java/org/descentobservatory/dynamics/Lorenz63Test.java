package org.descentobservatory.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Lorenz63Test {

    private static final Lorenz63 LORENZ = Lorenz63.classical();
    private static final double DT = 0.01;

    @Test
    void fixedPointsDoNotMove() {
        // C± = (±√(β(ρ−1)), ±√(β(ρ−1)), ρ−1) are equilibria of the vector field (Lorenz 1963).
        double a = Math.sqrt(LORENZ.beta() * (LORENZ.rho() - 1));
        double[] next = LORENZ.step(new double[] {a, a, LORENZ.rho() - 1}, DT);
        assertThat(next).containsExactly(new double[] {a, a, LORENZ.rho() - 1}, within(1e-12));
    }

    @Test
    void rk4ErrorShrinksAtFourthOrder() {
        // Integrating to t = 0.5 with dt and dt/2 against a dt/64 reference: the error ratio of a 4th-order method
        // is 2⁴ = 16 (within a loose band, the error constant changes slightly with dt).
        double[] start = {1, 1, 1};
        double[] reference = integrate(start, DT / 64, 0.5);
        double coarse = distance(integrate(start, DT, 0.5), reference);
        double fine = distance(integrate(start, DT / 2, 0.5), reference);
        assertThat(coarse / fine).isBetween(12.0, 20.0);
    }

    @Test
    void neighbouringTrajectoriesSeparateAtTheKnownRate() {
        // Benettin's two-trajectory estimate: renormalise the separation every step, average its log growth.
        double[] x = LORENZ.trajectory(new double[] {1, 1, 1}, DT, 5_000, 1)[0];
        double[] y = {x[0] + 1e-9, x[1], x[2]};
        double sumLog = 0;
        int steps = 100_000;
        for (int t = 0; t < steps; t++) {
            x = LORENZ.step(x, DT);
            y = LORENZ.step(y, DT);
            double d = distance(x, y);
            sumLog += Math.log(d / 1e-9);
            for (int k = 0; k < 3; k++) {
                y[k] = x[k] + (y[k] - x[k]) * 1e-9 / d;
            }
        }
        assertThat(sumLog / (steps * DT)).isCloseTo(Lorenz63.LARGEST_LYAPUNOV_EXPONENT, within(0.05));
    }

    @Test
    void rejectsBadArguments() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> LORENZ.trajectory(new double[] {1, 1}, DT, 0, 1));
    }

    private static double[] integrate(double[] s, double dt, double time) {
        int steps = (int) Math.round(time / dt);
        for (int t = 0; t < steps; t++) {
            s = LORENZ.step(s, dt);
        }
        return s;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum);
    }
}
