package org.descentobservatory.trainer.service;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a run trained here must stop, set before its thread is interrupted, so that the run, catching the interrupt,
 * knows whether to end (cancelled) or to stop without ending so that another replica, or this one after a restart,
 * resumes it. The first reason given wins; once the run is {@link #ending}, no stop is accepted any more (an end
 * being published must not be interrupted into a second, different end). Thread-safe.
 */
public final class RunStop {

    /** The reasons to stop a run. */
    public enum Reason {
        /** A user cancelled the run: it ends CANCELLED. */
        CANCEL,
        /** Its request's partition went to another replica, or this replica is shutting down: it does not end. */
        HAND_OVER
    }

    private record Request(Reason reason, String detail) {
    }

    /** Marks a run that is publishing its end. */
    private static final Request ENDING = new Request(null, null);

    private final AtomicReference<Request> request = new AtomicReference<>();

    /** Asks the run to stop; returns whether this was the first request (and the run is not ending): interrupt it. */
    public boolean request(Reason reason, String detail) {
        return request.compareAndSet(null, new Request(reason, detail));
    }

    /** The run is about to publish its end; returns false when a stop was requested first (obey it instead). */
    public boolean ending() {
        return request.compareAndSet(null, ENDING) || request.get() == ENDING;
    }

    public boolean isRequested() {
        Request current = request.get();
        return current != null && current != ENDING;
    }

    /** The reason asked for; null when none was. */
    public Reason reason() {
        return isRequested() ? request.get().reason() : null;
    }

    /** The words given with the reason; null when no stop was asked for. */
    public String detail() {
        return isRequested() ? request.get().detail() : null;
    }
}
