package org.descentobservatory.infra;

/**
 * One check whether a child process serves what it was started for. A {@code false} answer or an exception both mean
 * "not yet"; {@link ChildProcess#awaitReady} retries until its timeout and reports the last exception.
 */
@FunctionalInterface
public interface ReadinessProbe {

    /** Returns whether the process is ready; may throw while it is not (connection refused and the like). */
    boolean isReady() throws Exception;
}
