package org.descentobservatory.trainer.compute.task.lorenz;

import org.descentobservatory.dynamics.Lorenz63;
import org.descentobservatory.schemas.RunSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@value RunSpec#LORENZ63} task's data: one trajectory of the classical Lorenz-63 system ({@link Lorenz63}) from
 * a seeded initial state, sampled every Δ = {@code samplingStep} time units and integrated by RK4 in
 * ⌈Δ / {@value #MAX_INTEGRATION_STEP}⌉ equal steps per sample (so the integration error stays that of Lorenz63's
 * default step whatever the sampling), after a transient of
 * {@value #TRANSIENT_TIME} time units so that it lies on the attractor. Its first {@code trainSize} windows of
 * {@code sequenceLength} steps train; the {@code testSize} windows that follow test (the trajectory's future, never
 * seen in training but for the one shared boundary sample). Every component is standardised by the training part's
 * statistics ({@link Standardisation}). Cost: O((trainSize + testSize) · L) RK4 steps.
 *
 * @param train           the training windows
 * @param test            the test windows
 * @param standardisation the training statistics the states are scaled by
 */
public record LorenzData(LorenzWindows train, LorenzWindows test, Standardisation standardisation) {

    /** Time integrated before the first sample (about 45 Lyapunov times at λ₁ = 0.906). */
    static final double TRANSIENT_TIME = 50.0;
    /** The largest RK4 step: Lorenz63's default, far below the attractor's time scale. */
    static final double MAX_INTEGRATION_STEP = 0.01;

    public static LorenzData generate(RunSpec spec) {
        int length = spec.sequenceLength();
        int trainSamples = spec.trainSize() * length + 1;
        int samples = (spec.trainSize() + spec.testSize()) * length + 1;
        double[][] trajectory = sampled(initialState(spec.seed()), spec.samplingStep(), samples);
        Standardisation standardisation = Standardisation.of(Arrays.copyOf(trajectory, trainSamples));
        double[][] states = Arrays.stream(trajectory).map(standardisation::apply).toArray(double[][]::new);
        LorenzWindows train = new LorenzWindows(Arrays.copyOf(states, trainSamples), length, spec.trainSize());
        LorenzWindows test = new LorenzWindows(Arrays.copyOfRange(states, trainSamples - 1, samples), length,
                spec.testSize());
        return new LorenzData(train, test, standardisation);
    }

    /** {@code samples} states Δ apart after the transient, each sample ⌈Δ / h_max⌉ RK4 steps from the last. */
    static double[][] sampled(double[] initial, double samplingStep, int samples) {
        int substeps = (int) Math.ceil(samplingStep / MAX_INTEGRATION_STEP - 1e-9);
        double h = samplingStep / substeps;
        Lorenz63 system = Lorenz63.classical();
        double[][] out = new double[samples][];
        out[0] = system.trajectory(initial, h, (int) Math.ceil(TRANSIENT_TIME / h), 1)[0];
        for (int i = 1; i < samples; i++) {
            double[] s = out[i - 1];
            for (int k = 0; k < substeps; k++) {
                s = system.step(s, h);
            }
            out[i] = s;
        }
        return out;
    }

    /** A state drawn uniformly from the box [−15, 15] × [−20, 20] × [5, 45] around the attractor. */
    static double[] initialState(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new double[] {random.nextDouble(-15, 15), random.nextDouble(-20, 20), random.nextDouble(5, 45)};
    }
}
