package org.descentobservatory.trainer.compute.task.imdb;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small corpus in the aclImdb layout, written by the tests: {@value #PER_FOLDER} reviews in each of train/pos,
 * train/neg, test/pos, test/neg (ids 0…, ratings 8 and 2), plus unlabelled train/unsup reviews and a README that the
 * loader must skip. Review number k (counting train/neg, train/pos, test/neg, test/pos in that order, ids ascending)
 * has exactly k + 1 words, so a review is recognised after encoding by its count of non-padding tokens:
 * <ul>
 *   <li>every review starts with "the" (the most frequent word), then its own marker word {@code w<k>};</li>
 *   <li>positive reviews then say "great", negative "awful", with punctuation, capitals and {@code <br />};</li>
 *   <li>test reviews use "testonly" for their remaining words, a word no training review has;</li>
 *   <li>the rest are "movie".</li>
 * </ul>
 */
public final class AclImdbSample {

    public static final int PER_FOLDER = 10;
    static final int REVIEWS = 4 * PER_FOLDER;
    static final String TEST_ONLY_WORD = "testonly";

    private AclImdbSample() {
    }

    /** Writes the corpus under {@code parent/aclImdb}; returns that folder. */
    public static Path writeFolder(Path parent) throws IOException {
        Path root = parent.resolve("aclImdb");
        int k = 0;
        for (String split : List.of("train", "test")) {
            for (String label : List.of("neg", "pos")) {
                Path folder = Files.createDirectories(root.resolve(split).resolve(label));
                for (int id = 0; id < PER_FOLDER; id++, k++) {
                    String rating = label.equals("pos") ? "8" : "2";
                    Files.writeString(folder.resolve(id + "_" + rating + ".txt"), review(k, split, label),
                            StandardCharsets.UTF_8);
                }
            }
        }
        Path unsup = Files.createDirectories(root.resolve("train").resolve("unsup"));
        Files.writeString(unsup.resolve("0_0.txt"), "unlabelled unlabelled unlabelled", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("README"), "not a review", StandardCharsets.UTF_8);
        return root;
    }

    /** The text of review k: k + 1 words once tokenised. */
    static String review(int k, String split, String label) {
        List<String> words = new ArrayList<>(List.of("The", "W" + k + ","));
        String sentiment = label.equals("pos") ? "GREAT!" : "awful...";
        String filler = split.equals("test") ? TEST_ONLY_WORD : "movie";
        while (words.size() < k + 1) {
            words.add(words.size() == 2 ? sentiment : words.size() % 3 == 0 ? filler + "<br /><br />" : filler);
        }
        return String.join(" ", words.subList(0, k + 1));
    }

    /** Packs {@code folder} (with its name as the entries' prefix, as aclImdb_v1.tar.gz does) into a .tar.gz. */
    static Path writeArchive(Path folder, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file));
             Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.getFileName() + "/" + folder.relativize(path).toString().replace('\\', '/');
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
                tar.putArchiveEntry(entry);
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return archive;
    }
}
