package org.descentobservatory.trainer.service;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a run trained here must stop, set before its thread is interrupted, so that the run, catching the interrupt,
 * knows whether to end (cancelled) or to stop without ending so that another replica, or this one after a restart,
 * resumes it. The first reason given wins. Thread-safe.
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

    private final AtomicReference<Request> request = new AtomicReference<>();

    /** Asks the run to stop; returns whether this was the first request. */
    public boolean request(Reason reason, String detail) {
        return request.compareAndSet(null, new Request(reason, detail));
    }

    public boolean isRequested() {
        return request.get() != null;
    }

    /** The reason asked for; null when none was. */
    public Reason reason() {
        Request current = request.get();
        return current == null ? null : current.reason();
    }

    /** The words given with the reason; null when no stop was asked for. */
    public String detail() {
        Request current = request.get();
        return current == null ? null : current.detail();
    }
}
