package org.descentobservatory.dashboard.config;

/**
 * Names of the dashboard's incoming Kafka channels, as used in {@code application.properties}
 * ({@code mp.messaging.incoming.<channel>.*}) and by tests. Each reads one topic of
 * {@link org.descentobservatory.schemas.Topics} from its beginning.
 */
public final class Channels {

    /** {@link org.descentobservatory.schemas.Topics#RUNS_STARTED}. */
    public static final String RUNS_STARTED = "runs-started";

    /** {@link org.descentobservatory.schemas.Topics#CHECKPOINTS}. */
    public static final String CHECKPOINTS = "checkpoints";

    /** {@link org.descentobservatory.schemas.Topics#ANALYSES}. */
    public static final String ANALYSES = "analyses";

    /** {@link org.descentobservatory.schemas.Topics#RUNS_ENDED}. */
    public static final String RUNS_ENDED = "runs-ended";

    private Channels() {
    }
}
