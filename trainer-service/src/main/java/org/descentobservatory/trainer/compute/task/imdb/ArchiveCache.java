package org.descentobservatory.trainer.compute.task.imdb;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Turns a {@link DatasetSource} into a local folder, fetching and unpacking archives at most once:
 * <ul>
 *   <li>a URL is downloaded to {@code <dataDir>/downloads/<sha256>.tar.gz}, hashed while it streams and aborted as soon
 *       as it passes {@code maxDownloadBytes} (its announced Content-Length is checked first); only a download whose
 *       SHA-256 matches is moved into place, so the cache holds verified archives only and a second run reuses it;</li>
 *   <li>an archive (downloaded or local) is unpacked to {@code <dataDir>/extracted/<sha256>/}, the entries the caller
 *       wants only, into a scratch folder that is renamed when complete: a crash leaves no half-extracted folder that
 *       a later run would trust;</li>
 *   <li>a local archive is hashed and, when the spec gives a checksum, verified before it is unpacked.</li>
 * </ul>
 * Paths must lie inside {@code dataDir} ({@link DatasetSource#resolveIn}); entries whose names would leave the
 * extraction folder are refused. Cost: one pass over the archive to hash it, one to unpack it (first run only).
 * Safe for concurrent runs on one trainer: both may download, the first complete rename wins.
 */
public final class ArchiveCache {

    static final String DOWNLOADS = "downloads";
    static final String EXTRACTED = "extracted";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int BUFFER = 1 << 16;

    private final Path dataDir;
    private final long maxDownloadBytes;
    private final HttpClient http;

    /**
     * @param dataDir          the only folder datasets are read from and cached in
     * @param maxDownloadBytes the largest archive downloaded, in bytes
     */
    public ArchiveCache(Path dataDir, long maxDownloadBytes) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.maxDownloadBytes = maxDownloadBytes;
        // Redirects within http(s) are followed (NORMAL never goes from https to http).
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The local folder of {@code source}: the folder itself, or the archive's extraction (only the entries whose
     * name {@code wanted} accepts are unpacked).
     *
     * @throws DatasetException with the reason when it cannot be had
     */
    public Path folder(DatasetSource source, Predicate<String> wanted) {
        if (!source.violations().isEmpty()) {
            throw new DatasetException("Bad dataset source " + source.text() + ": " + source.violations());
        }
        if (source.isUrl()) {
            return extracted(download(source.url(), source.sha256()), source.sha256(), wanted);
        }
        Path local = source.resolveIn(dataDir).orElseThrow(() -> new DatasetException("Dataset source "
                + source.text() + " lies outside the data folder " + dataDir));
        if (!Files.exists(local)) {
            throw new DatasetException("Dataset source " + local + " does not exist");
        }
        if (!source.isArchive()) {
            return local;
        }
        String actual = sha256(local);
        if (source.sha256() != null && !source.sha256().equals(actual)) {
            throw mismatch(local.toString(), source.sha256(), actual);
        }
        return extracted(local, actual, wanted);
    }

    private Path download(URI url, String sha256) {
        Path target = dataDir.resolve(DOWNLOADS).resolve(sha256 + ".tar.gz");
        if (Files.exists(target)) {
            return target;
        }
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(target.getParent(), sha256, ".partial");
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DatasetException("Download of " + url + " failed: HTTP " + response.statusCode());
                }
                long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (announced > maxDownloadBytes) {
                    throw tooLarge(url, announced + " bytes announced");
                }
                String actual = copyLimited(body, partial, url);
                if (!actual.equals(sha256)) {
                    throw mismatch(url.toString(), sha256, actual);
                }
            }
            moveIntoPlace(partial, target);
            return target;
        } catch (IOException e) {
            throw new DatasetException("Download of " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Download of " + url + " interrupted", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Copies at most {@code maxDownloadBytes} to {@code file}; returns the SHA-256 of what was copied. */
    private String copyLimited(InputStream body, Path file, URI url) throws IOException {
        MessageDigest digest = newDigest();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
                if (total > maxDownloadBytes) {
                    throw tooLarge(url, "more than " + maxDownloadBytes + " bytes received");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Path extracted(Path archive, String sha256, Predicate<String> wanted) {
        Path target = dataDir.resolve(EXTRACTED).resolve(sha256);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path scratch = null;
        try {
            Files.createDirectories(target.getParent());
            scratch = Files.createTempDirectory(target.getParent(), sha256 + ".partial");
            unpack(archive, scratch, wanted);
            moveIntoPlace(scratch, target);
            return target;
        } catch (IOException e) {
            throw new DatasetException("Cannot unpack " + archive + ": " + e, e);
        } finally {
            deleteTreeQuietly(scratch);
        }
    }

    private static void unpack(Path archive, Path into, Predicate<String> wanted) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), BUFFER)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile() || !wanted.test(entry.getName())) {
                    continue;
                }
                Path file = into.resolve(entry.getName()).normalize();
                if (!file.startsWith(into)) {
                    throw new DatasetException("Archive " + archive + " has an entry outside its folder: "
                            + entry.getName());
                }
                Files.createDirectories(file.getParent());
                Files.copy(tar, file);
            }
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (IOException e) {
            // Another run put the same verified content there first.
            if (!Files.exists(to)) {
                throw e;
            }
        }
    }

    /** Lowercase hex SHA-256 of a file, streamed. */
    static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e, e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private DatasetException tooLarge(URI url, String what) {
        return new DatasetException("Download of " + url + " aborted: " + what + ", over the limit of "
                + maxDownloadBytes + " bytes (observatory.trainer.download-max-bytes)");
    }

    private static DatasetException mismatch(String what, String expected, String actual) {
        return new DatasetException("Checksum mismatch for " + what + ": expected SHA-256 " + expected + ", got "
                + actual);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover partial file is harmless: it is never read.
            }
        }
    }

    private static void deleteTreeQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ArchiveCache::deleteQuietly);
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover scratch folder is harmless: its name is never trusted.
        }
    }
}
