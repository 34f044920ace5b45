package org.descentobservatory.analyzer.compute.lyapunov;

/**
 * A smooth map F: R^n → R^n of a discrete-time dynamical system s_{t+1} = F(s_t), together with its Jacobian
 * J(s) = ∂F/∂s, as {@link LyapunovSpectrum} needs it (Benettin et al. 1980: the tangent dynamics
 * v_{t+1} = J(s_t)·v_t).
 *
 * <p>Storage: the Jacobian is written column-major, {@code jacobian[col·n + row] = ∂F_row/∂s_col}, so column j is the
 * response ∂F/∂s_j to moving coordinate j (what a finite difference along e_j measures) and J·v is a sum of
 * contiguous column axpys.
 */
public interface MapWithJacobian {

    /** n, the dimension of the state space. */
    int dimension();

    /**
     * Evaluates s' = F(s) and J(s) in one pass (they share intermediate values, e.g. the gates of an LSTM).
     * Preconditions: {@code s} and {@code next} of length n and distinct; {@code jacobian} of length n²; every
     * entry of {@code jacobian} is overwritten. {@code s} is not modified.
     *
     * @param s        the current state s
     * @param next     receives F(s)
     * @param jacobian receives J(s), column-major n×n
     */
    void step(double[] s, double[] next, double[] jacobian);

    /**
     * The tangent dynamics of this map for {@link LyapunovSpectrum}, with its own scratch (one per thread). By
     * default J is formed by {@link #step} and multiplied by OpenBLAS; maps whose J has structure override this.
     */
    default TangentMap tangentMap() {
        return new JacobianTangentMap(this);
    }
}
