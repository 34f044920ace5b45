package org.descentobservatory.analyzer.compute.lyapunov;

/**
 * The tangent dynamics s_{t+1} = F(s_t), Q ← J(s_t)·Q of a map F: R^n → R^n for a batch of trajectories at once, as
 * {@link LyapunovSpectrum} advances them (Benettin et al. 1980). Every {@link MapWithJacobian} has one
 * ({@link MapWithJacobian#tangentMap()}: J formed, then J·Q by OpenBLAS); a map whose J has structure can override it
 * to form J·Q without J and to batch the trajectories' products into one gemm (the LSTM's, {@code LstmJacobian}).
 * Implementations hold scratch: not thread-safe, one instance per thread.
 */
public interface TangentMap {

    /** n, the dimension of the state space. */
    int dimension();

    /**
     * Advances trajectories 0 … count−1 by one step, in place. Preconditions: {@code states} holds s_p at
     * [p·n, (p+1)·n); {@code tangents} holds Q_p, column-major n×k, at [p·n·k, (p+1)·n·k); F and J finite there.
     *
     * @param states   s_p, replaced by F(s_p)
     * @param tangents Q_p, replaced by J(s_p)·Q_p
     * @param count    the number of trajectories, ≥ 1
     * @param k        the number of tangent vectors per trajectory, 1 ≤ k ≤ n
     */
    void advance(double[] states, double[] tangents, int count, int k);
}
