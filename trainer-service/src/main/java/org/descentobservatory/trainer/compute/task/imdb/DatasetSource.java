package org.descentobservatory.trainer.compute.task.imdb;

import org.descentobservatory.schemas.SchemaViolation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an IMDb run's reviews come from, as the spec's {@code datasetSource} and {@code datasetSha256} say: an http(s)
 * URL of an {@code aclImdb} {@code .tar.gz}, or a path (relative to the trainer's data folder, or absolute) of such an
 * archive or of an {@code aclImdb} folder. A text with a URI scheme ({@code ftp:}, {@code file:}, …) is a URL; any
 * other is a path. Archives are recognised by their name ({@code .tar.gz} or {@code .tgz}).
 *
 * @param text   the source as given
 * @param url    the URL, or null for a path
 * @param sha256 the archive's expected lowercase hex SHA-256, or null
 */
public record DatasetSource(String text, URI url, String sha256) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final List<String> FETCHED_SCHEMES = List.of("http", "https");

    /** Reads a source; never fails: {@link #violations()} names what is wrong with it. */
    public static DatasetSource parse(String text, String sha256) {
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.find()) {
            return new DatasetSource(text, null, sha256);
        }
        try {
            return new DatasetSource(text, new URI(text), sha256);
        } catch (URISyntaxException e) {
            // Keep it a URL (it has a scheme) that violations() reports as malformed.
            return new DatasetSource(text, URI.create(scheme.group(1) + ":malformed"), sha256);
        }
    }

    public boolean isUrl() {
        return url != null;
    }

    /** Whether the source names a gzip-compressed tar archive (rather than a folder). */
    public boolean isArchive() {
        String name = (isUrl() && url.getPath() != null ? url.getPath() : text).toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * What can be told wrong without the trainer's configuration: a scheme other than http(s), a malformed URL, a URL
     * that is not an archive or comes without a checksum, a checksum for a folder.
     */
    public List<SchemaViolation> violations() {
        List<SchemaViolation> violations = new ArrayList<>();
        if (isUrl()) {
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            if (!FETCHED_SCHEMES.contains(scheme)) {
                violations.add(new SchemaViolation("$.datasetSource", "only http and https URLs are fetched, not "
                        + scheme + ":"));
            } else if (url.getHost() == null) {
                violations.add(new SchemaViolation("$.datasetSource", "not a valid URL: " + text));
            }
            if (!isArchive()) {
                violations.add(new SchemaViolation("$.datasetSource", "a URL must name a .tar.gz archive"));
            }
            if (sha256 == null) {
                violations.add(new SchemaViolation("$.datasetSha256",
                        "is required for a URL: the SHA-256 the downloaded archive is verified against"));
            }
        } else if (!isArchive() && sha256 != null) {
            violations.add(new SchemaViolation("$.datasetSha256",
                    "applies to a .tar.gz archive; must be null for a folder"));
        }
        return violations;
    }

    /**
     * The local path inside {@code dataDir}, or empty when the path leaves it (through {@code ..}, an absolute path
     * elsewhere, or a symbolic link that points outside). Only for a path source.
     */
    public Optional<Path> resolveIn(Path dataDir) {
        if (isUrl()) {
            throw new IllegalStateException(text + " is a URL, not a path");
        }
        Path root = dataDir.toAbsolutePath().normalize();
        Path resolved = root.resolve(text).normalize();
        if (!resolved.startsWith(root)) {
            return Optional.empty();
        }
        if (Files.exists(resolved)) {
            try {
                if (!resolved.toRealPath().startsWith(root.toRealPath())) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(resolved);
    }

    /** {@link #resolveIn} as a violation for a submission: empty when the source is a URL or stays inside. */
    public List<SchemaViolation> violationsIn(Path dataDir) {
        if (isUrl() || resolveIn(dataDir).isPresent()) {
            return List.of();
        }
        return List.of(new SchemaViolation("$.datasetSource", "must lie inside the trainer's data folder "
                + dataDir.toAbsolutePath().normalize() + " (observatory.trainer.data-dir)"));
    }
}
