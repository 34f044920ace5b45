package org.descentobservatory.dynamics;

/**
 * The Lorenz-63 system dx/dt = σ(y − x), dy/dt = x(ρ − z) − y, dz/dt = xy − βz (Lorenz 1963), integrated with the
 * classical fourth-order Runge–Kutta method at a fixed step.
 *
 * <p>At the classical parameters σ = 10, ρ = 28, β = 8/3 the attractor is chaotic with largest Lyapunov exponent
 * {@value #LARGEST_LYAPUNOV_EXPONENT} per time unit (Viswanath 2004, "The fractal property of the Lorenz attractor",
 * Physica D 190: 0.9056; Sprott 2003, "Chaos and Time-Series Analysis", table A.1: 0.9056). A model sampled every
 * {@code dt} time units that reproduces the dynamics has λ₁ ≈ 0.9056·dt per map step.
 *
 * <p>Cost: 4 derivative evaluations (about 40 flops) per step. RK4's global error is O(dt⁴); dt = 0.01 keeps it far
 * below the attractor's scale, which is why it is the default sampling step.
 *
 * @param sigma σ, the Prandtl number
 * @param rho   ρ, the Rayleigh number
 * @param beta  β, the geometric factor
 */
public record Lorenz63(double sigma, double rho, double beta) {

    /** λ₁ of the classical system per time unit (Viswanath 2004). */
    public static final double LARGEST_LYAPUNOV_EXPONENT = 0.9056;

    /** The classical parameters σ = 10, ρ = 28, β = 8/3. */
    public static Lorenz63 classical() {
        return new Lorenz63(10.0, 28.0, 8.0 / 3.0);
    }

    /** The vector field at {@code s} = (x, y, z). */
    public double[] derivative(double[] s) {
        return new double[] {
                sigma * (s[1] - s[0]),
                s[0] * (rho - s[2]) - s[1],
                s[0] * s[1] - beta * s[2]};
    }

    /** One classical Runge–Kutta step of length {@code dt} from {@code s}; {@code s} is not modified. */
    public double[] step(double[] s, double dt) {
        double[] k1 = derivative(s);
        double[] k2 = derivative(offset(s, k1, dt / 2));
        double[] k3 = derivative(offset(s, k2, dt / 2));
        double[] k4 = derivative(offset(s, k3, dt));
        double[] next = new double[3];
        for (int d = 0; d < 3; d++) {
            next[d] = s[d] + dt / 6 * (k1[d] + 2 * k2[d] + 2 * k3[d] + k4[d]);
        }
        return next;
    }

    /**
     * Samples a trajectory: integrates {@code transientSteps} steps from {@code initial} (discarded, so that the
     * samples lie on the attractor), then returns {@code samples} states, one every {@code dt}.
     *
     * @return {@code samples × 3} states
     */
    public double[][] trajectory(double[] initial, double dt, int transientSteps, int samples) {
        if (initial.length != 3 || dt <= 0 || transientSteps < 0 || samples < 0) {
            throw new IllegalArgumentException("need a 3-d initial state, dt > 0 and non-negative step counts");
        }
        double[] s = initial.clone();
        for (int t = 0; t < transientSteps; t++) {
            s = step(s, dt);
        }
        double[][] out = new double[samples][];
        for (int t = 0; t < samples; t++) {
            out[t] = s;
            s = step(s, dt);
        }
        return out;
    }

    private static double[] offset(double[] s, double[] k, double h) {
        return new double[] {s[0] + h * k[0], s[1] + h * k[1], s[2] + h * k[2]};
    }
}
