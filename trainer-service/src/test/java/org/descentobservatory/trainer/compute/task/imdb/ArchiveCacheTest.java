package org.descentobservatory.trainer.compute.task.imdb;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.descentobservatory.schemas.SchemaViolation;
import org.descentobservatory.trainer.compute.SentimentData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IMDb loader on a generated aclImdb sample given as a folder, a local .tar.gz and an http URL of that archive
 * served by a real local HTTP server (the JDK's), and the ways each can be refused.
 */
class ArchiveCacheTest {

    private static final long LIMIT = 1 << 20;

    @TempDir
    static Path source;
    private static Path archive;
    private static String archiveSha256;
    private static HttpServer server;
    private static final AtomicInteger downloads = new AtomicInteger();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void serveTheSample() throws IOException {
        archive = AclImdbSample.writeArchive(AclImdbSample.writeFolder(source), source.resolve("aclImdb_v1.tar.gz"));
        archiveSha256 = ArchiveCache.sha256(archive);
        byte[] bytes = Files.readAllBytes(archive);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/aclImdb_v1.tar.gz", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        // The same bytes without a Content-Length (chunked), so only counting while streaming can stop them.
        server.createContext("/chunked/aclImdb_v1.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    @Test
    void aFolderAnArchiveAndAUrlGiveTheSameData() throws IOException {
        copyFolder(source.resolve("aclImdb"), dataDir.resolve("reviews/aclImdb"));
        Files.copy(archive, dataDir.resolve("aclImdb_v1.tar.gz"));
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);

        SentimentData fromFolder = ImdbData.load(ImdbSpecs.ownSplit("reviews", null), cache);
        SentimentData fromArchive = ImdbData.load(ImdbSpecs.ownSplit("aclImdb_v1.tar.gz", null), cache);
        SentimentData fromUrl = ImdbData.load(ImdbSpecs.ownSplit(url("/aclImdb_v1.tar.gz"), archiveSha256), cache);

        for (SentimentData data : List.of(fromArchive, fromUrl)) {
            assertThat(data.train().tokens()).isDeepEqualTo(fromFolder.train().tokens());
            assertThat(data.train().labels()).isEqualTo(fromFolder.train().labels());
            assertThat(data.test().tokens()).isDeepEqualTo(fromFolder.test().tokens());
        }
        assertThat(fromFolder.train().size()).isEqualTo(2 * AclImdbSample.PER_FOLDER);
        assertThat(dataDir.resolve(ArchiveCache.EXTRACTED).resolve(archiveSha256).resolve("aclImdb/train/unsup"))
                .as("only the labelled reviews are unpacked").doesNotExist();
    }

    @Test
    void aUrlIsDownloadedOnceVerifiedAndUnpackedOnce() {
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);
        DatasetSource source = DatasetSource.parse(url("/aclImdb_v1.tar.gz"), archiveSha256);
        int before = downloads.get();

        Path first = cache.folder(source, ImdbCorpus::isLabelledReview);
        Path second = cache.folder(source, ImdbCorpus::isLabelledReview);

        assertThat(downloads.get() - before).isEqualTo(1);
        assertThat(second).isEqualTo(first).startsWith(dataDir);
        assertThat(dataDir.resolve(ArchiveCache.DOWNLOADS).resolve(archiveSha256 + ".tar.gz")).exists();
        assertThat(ImdbCorpus.root(first).resolve("test/pos/9_8.txt")).exists();
    }

    @Test
    void aChecksumMismatchFailsAndCachesNothing() throws IOException {
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);
        String wrong = "f".repeat(64);

        assertThatThrownBy(() -> cache.folder(DatasetSource.parse(url("/aclImdb_v1.tar.gz"), wrong),
                ImdbCorpus::isLabelledReview))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Checksum mismatch").hasMessageContaining(wrong).hasMessageContaining(archiveSha256);
        try (Stream<Path> cached = Files.list(dataDir.resolve(ArchiveCache.DOWNLOADS))) {
            assertThat(cached).isEmpty();
        }

        Files.copy(archive, dataDir.resolve("local.tar.gz"));
        assertThatThrownBy(() -> cache.folder(DatasetSource.parse("local.tar.gz", wrong),
                ImdbCorpus::isLabelledReview))
                .isInstanceOf(DatasetException.class).hasMessageContaining("Checksum mismatch");
        assertThat(dataDir.resolve(ArchiveCache.EXTRACTED)).doesNotExist();
    }

    @Test
    void aDownloadOverTheLimitIsAbortedWhetherAnnouncedOrNot() throws IOException {
        long tooSmall = Files.size(archive) / 2;
        ArchiveCache cache = new ArchiveCache(dataDir, tooSmall);

        for (String path : List.of("/aclImdb_v1.tar.gz", "/chunked/aclImdb_v1.tar.gz")) {
            assertThatThrownBy(() -> cache.folder(DatasetSource.parse(url(path), archiveSha256),
                    ImdbCorpus::isLabelledReview))
                    .as(path).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("over the limit of " + tooSmall + " bytes");
        }
        try (Stream<Path> cached = Files.list(dataDir.resolve(ArchiveCache.DOWNLOADS))) {
            assertThat(cached).isEmpty();
        }
    }

    @Test
    void pathsOutsideTheDataFolderAreRefused() throws IOException {
        Path outside = Files.createTempDirectory(source, "outside");
        Files.createSymbolicLink(dataDir.resolve("link"), outside);
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);

        for (String path : List.of(dataDir.relativize(outside).toString(), outside.toString(), "link", "a/../../b")) {
            DatasetSource source = DatasetSource.parse(path, null);
            assertThat(source.resolveIn(dataDir)).as(path).isEmpty();
            assertThat(source.violationsIn(dataDir)).as(path).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("inside the trainer's data folder"));
            assertThatThrownBy(() -> cache.folder(source, ImdbCorpus::isLabelledReview)).as(path)
                    .isInstanceOf(DatasetException.class).hasMessageContaining("outside the data folder");
        }
        assertThat(DatasetSource.parse("sub/aclImdb", null).resolveIn(dataDir)).contains(dataDir.resolve("sub/aclImdb"));
        assertThat(DatasetSource.parse(dataDir.resolve("x.tar.gz").toString(), null).violationsIn(dataDir)).isEmpty();
        assertThatThrownBy(() -> cache.folder(DatasetSource.parse("missing.tar.gz", null),
                ImdbCorpus::isLabelledReview)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void onlyHttpAndHttpsUrlsAreFetched() {
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);
        for (String url : List.of("ftp://127.0.0.1/aclImdb_v1.tar.gz", "file:///etc/aclImdb_v1.tar.gz",
                "jar:file:/x.jar!/aclImdb_v1.tar.gz")) {
            DatasetSource source = DatasetSource.parse(url, archiveSha256);
            assertThat(source.isUrl()).isTrue();
            assertThat(source.violations()).extracting(SchemaViolation::message)
                    .anySatisfy(message -> assertThat(message).contains("only http and https"));
            assertThatThrownBy(() -> cache.folder(source, ImdbCorpus::isLabelledReview))
                    .isInstanceOf(DatasetException.class).hasMessageContaining("only http and https");
        }
        assertThat(DatasetSource.parse("https://example.org/aclImdb_v1.tar.gz", archiveSha256).violations()).isEmpty();
    }

    @Test
    void anArchiveEntryThatWouldLeaveTheFolderIsRefused() throws IOException {
        byte[] content = "escaped".getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                Files.newOutputStream(dataDir.resolve("evil.tar.gz"))))) {
            TarArchiveEntry entry = new TarArchiveEntry("aclImdb/../../../escaped.txt", true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        ArchiveCache cache = new ArchiveCache(dataDir, LIMIT);

        assertThatThrownBy(() -> cache.folder(DatasetSource.parse("evil.tar.gz", null), name -> true))
                .isInstanceOf(DatasetException.class).hasMessageContaining("outside its folder");
        assertThat(dataDir.resolveSibling("escaped.txt")).doesNotExist();
        assertThat(dataDir.resolve("escaped.txt")).doesNotExist();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
