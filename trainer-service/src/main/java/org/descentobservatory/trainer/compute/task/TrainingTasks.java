package org.descentobservatory.trainer.compute.task;

import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.trainer.compute.SyntheticSentimentTask;
import org.descentobservatory.trainer.compute.task.imdb.ArchiveCache;
import org.descentobservatory.trainer.compute.task.imdb.DatasetException;
import org.descentobservatory.trainer.compute.task.imdb.ImdbData;
import org.descentobservatory.trainer.compute.task.lorenz.LorenzData;

/**
 * Prepares a run's {@link TrainingTask} from its spec's {@code task}: generates the synthetic reviews, loads IMDb
 * through the data folder's {@link ArchiveCache}, or integrates the Lorenz-63 trajectory.
 */
public final class TrainingTasks {

    private final ArchiveCache datasets;

    /** @param datasets where IMDb archives and folders are fetched, verified and unpacked */
    public TrainingTasks(ArchiveCache datasets) {
        this.datasets = datasets;
    }

    /**
     * @throws DatasetException when the IMDb data cannot be had; the message is the run's failure reason
     */
    public TrainingTask prepare(RunSpec spec) {
        return switch (spec.task()) {
            case RunSpec.SYNTHETIC_SENTIMENT -> SplitTask.sentiment(spec, SyntheticSentimentTask.generate(spec));
            case RunSpec.IMDB -> SplitTask.sentiment(spec, ImdbData.load(spec, datasets));
            case RunSpec.LORENZ63 -> SplitTask.forecast(spec, LorenzData.generate(spec));
            default -> throw new IllegalArgumentException("Unknown task '" + spec.task() + "'");
        };
    }
}
