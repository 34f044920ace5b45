package org.descentobservatory.trainer.listener;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.RunControl;
import org.descentobservatory.trainer.config.Channels;
import org.descentobservatory.trainer.service.TrainingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Obeys run commands from {@code observatory.run-control}, which every replica reads (a consumer group of its own,
 * from the latest offset): the replica training or holding the run stops it, the others ignore it. A run that no
 * replica holds when its cancel arrives is cancelled by whichever picks it up, from the cancel request stored with
 * the run.
 */
@ApplicationScoped
public class RunControlListener {

    private static final Logger LOG = Logger.getLogger(RunControlListener.class);

    private final TrainingService training;

    public RunControlListener(TrainingService training) {
        this.training = training;
    }

    @Incoming(Channels.RUN_CONTROL)
    public void onControl(RunControl control) {
        if (control == null) {
            LOG.warn("Skipping a record of observatory.run-control that is not a valid RunControl");
            return;
        }
        switch (control.action()) {
            case CANCEL -> training.cancel(control.runId(), control.reason());
        }
    }
}
