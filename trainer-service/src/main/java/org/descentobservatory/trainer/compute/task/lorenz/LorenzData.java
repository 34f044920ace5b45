package org.descentobservatory.trainer.compute.task.lorenz;

import org.descentobservatory.dynamics.Lorenz63;
import org.descentobservatory.schemas.RunSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@value RunSpec#LORENZ63} task's data: one trajectory of the classical Lorenz-63 system ({@link Lorenz63},
 * RK4 at dt = {@code samplingStep}, one sample per step) from a seeded initial state, after a transient of
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

    public static LorenzData generate(RunSpec spec) {
        double dt = spec.samplingStep();
        int length = spec.sequenceLength();
        int trainSamples = spec.trainSize() * length + 1;
        int samples = (spec.trainSize() + spec.testSize()) * length + 1;
        double[][] trajectory = Lorenz63.classical().trajectory(initialState(spec.seed()), dt,
                (int) Math.ceil(TRANSIENT_TIME / dt), samples);
        Standardisation standardisation = Standardisation.of(Arrays.copyOf(trajectory, trainSamples));
        double[][] states = Arrays.stream(trajectory).map(standardisation::apply).toArray(double[][]::new);
        LorenzWindows train = new LorenzWindows(Arrays.copyOf(states, trainSamples), length, spec.trainSize());
        LorenzWindows test = new LorenzWindows(Arrays.copyOfRange(states, trainSamples - 1, samples), length,
                spec.testSize());
        return new LorenzData(train, test, standardisation);
    }

    /** A state drawn uniformly from the box [−15, 15] × [−20, 20] × [5, 45] around the attractor. */
    static double[] initialState(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new double[] {random.nextDouble(-15, 15), random.nextDouble(-20, 20), random.nextDouble(5, 45)};
    }
}
