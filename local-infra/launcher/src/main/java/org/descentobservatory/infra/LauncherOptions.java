package org.descentobservatory.infra;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The command line of {@link ObservatoryLauncher}.
 *
 * @param workDir      {@code --work-dir DIR}; empty means {@code .observatory/} under the project root
 * @param defaultRun   false with {@code --no-default-run}: start the stack but no run
 * @param epochs       {@code --epochs N}: epochs of the default run; empty leaves the trainer's default
 * @param help         {@code --help} / {@code -h}
 */
public record LauncherOptions(Optional<Path> workDir, boolean defaultRun, OptionalInt epochs, boolean help) {

    /** How to call the launcher, for {@code --help} and usage errors. */
    public static final String USAGE = """
            Usage: bin/run [--no-build] [--work-dir DIR] [--no-default-run] [--epochs N]
              Builds the project (unless --no-build), starts Kafka, the S3 store and the three services on
              127.0.0.1, and starts a default run (unless --no-default-run). Ctrl-C stops everything.
              --work-dir DIR     data and logs (default: .observatory/ under the project root)
              --no-default-run   start no run; POST one to the trainer's /api/runs yourself
              --epochs N         epochs of the default run (default: the trainer's)""";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    public static LauncherOptions parse(String... args) {
        Optional<Path> workDir = Optional.empty();
        boolean defaultRun = true;
        OptionalInt epochs = OptionalInt.empty();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work-dir" -> workDir = Optional.of(Path.of(valueOf(args, ++i, "--work-dir")));
                case "--no-default-run" -> defaultRun = false;
                case "--epochs" -> epochs = OptionalInt.of(positive(valueOf(args, ++i, "--epochs"), "--epochs"));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        if (epochs.isPresent() && !defaultRun) {
            throw new IllegalArgumentException("--epochs applies to the default run; it contradicts --no-default-run");
        }
        return new LauncherOptions(workDir, defaultRun, epochs, help);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
    }
}
