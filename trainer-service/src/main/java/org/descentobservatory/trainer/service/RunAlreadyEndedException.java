package org.descentobservatory.trainer.service;

import org.descentobservatory.trainer.domain.RunSnapshot;

/** A command for a run that has already ended. */
public class RunAlreadyEndedException extends RuntimeException {

    private final transient RunSnapshot run;

    public RunAlreadyEndedException(RunSnapshot run) {
        super("Run " + run.runId() + " has already ended " + run.status());
        this.run = run;
    }

    public RunSnapshot run() {
        return run;
    }
}
