package org.descentobservatory.trainer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.RunSpec;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.compute.task.TrainingTask;
import org.descentobservatory.trainer.compute.task.TrainingTasks;
import org.descentobservatory.trainer.compute.task.imdb.ArchiveCache;
import org.descentobservatory.trainer.compute.task.imdb.DatasetSource;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.descentobservatory.trainer.domain.InvalidRunSpecException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The trainer's tasks and data folder ({@code observatory.trainer.data-dir}, {@code download-max-bytes}): checks at
 * submission what of a spec only the trainer's configuration can tell, and prepares a run's data when it starts.
 */
@ApplicationScoped
public class RunTasks {

    private final Path dataDir;
    private final TrainingTasks tasks;

    public RunTasks(TrainerConfig config) {
        this.dataDir = Path.of(config.trainer().dataDir()).toAbsolutePath().normalize();
        this.tasks = new TrainingTasks(new ArchiveCache(dataDir, config.trainer().downloadMaxBytes()));
    }

    /**
     * Refuses a spec whose dataset path lies outside the data folder or does not exist (a URL is checked when it is
     * downloaded, by the run).
     *
     * @throws InvalidRunSpecException naming {@code $.datasetSource}
     */
    public void requireSubmittable(RunSpec spec) {
        if (!RunSpec.IMDB.equals(spec.task())) {
            return;
        }
        DatasetSource source = DatasetSource.parse(spec.datasetSource(), spec.datasetSha256());
        if (source.isUrl()) {
            return;
        }
        List<SchemaViolation> violations = source.violationsIn(dataDir);
        Optional<Path> local = source.resolveIn(dataDir);
        if (violations.isEmpty() && local.isPresent() && !Files.exists(local.get())) {
            violations = List.of(new SchemaViolation("$.datasetSource", "no such file or folder: " + local.get()
                    + " (paths resolve against observatory.trainer.data-dir)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRunSpecException(violations);
        }
    }

    /** Generates, loads or integrates the run's data; may take long (a first IMDb download). */
    public TrainingTask prepare(RunSpec spec) {
        return tasks.prepare(spec);
    }
}
