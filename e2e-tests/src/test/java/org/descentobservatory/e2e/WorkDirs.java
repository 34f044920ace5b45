package org.descentobservatory.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh work directories under {@code target/}, so a test's broker and store start empty but their logs stay. */
final class WorkDirs {

    private WorkDirs() {
    }

    /** {@code target/<name>}, emptied. */
    static Path fresh(String name) {
        Path dir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot empty " + dir, e);
            }
        }
        return dir;
    }
}
