package org.descentobservatory.trainer.compute.task.imdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The labelled reviews of the standard {@code aclImdb} layout (Maas et al. 2011, "Learning Word Vectors for Sentiment
 * Analysis"): {@code train/pos}, {@code train/neg}, {@code test/pos}, {@code test/neg}, one review per file named
 * {@code <id>_<rating>.txt}; the unlabelled {@code train/unsup} and the other files are not read. Words come from
 * {@link KerasTokenizer} and are numbered in order of first appearance; each split is ordered by (label, id), so the
 * result does not depend on the order the file system lists the files in. Cost: one read of every labelled review.
 *
 * @param train the reviews under {@code train/}
 * @param test  the reviews under {@code test/}
 * @param words every distinct word, indexed by the numbers the reviews hold
 */
public record ImdbCorpus(List<ImdbReview> train, List<ImdbReview> test, List<String> words) {

    /** The layout's folder names: the two splits, the two labels (label 0 first). */
    static final List<String> SPLITS = List.of("train", "test");
    static final List<String> LABELS = List.of("neg", "pos");
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)_(\\d+)\\.txt");
    /** The entries of an aclImdb archive the corpus reads: {@code [prefix/](train|test)/(pos|neg)/<id>_<rating>.txt}. */
    private static final Pattern LABELLED_ENTRY = Pattern.compile("(.*/)?(train|test)/(pos|neg)/\\d+_\\d+\\.txt");

    /** Whether an archive entry is one the corpus reads (to unpack only those). */
    public static boolean isLabelledReview(String entryName) {
        return LABELLED_ENTRY.matcher(entryName).matches();
    }

    /**
     * The aclImdb root under {@code folder}: the folder itself when it holds {@code train/} and {@code test/},
     * otherwise its {@code aclImdb/} subfolder (as the official archive unpacks).
     *
     * @throws DatasetException when neither is in the layout
     */
    public static Path root(Path folder) {
        for (Path candidate : List.of(folder, folder.resolve("aclImdb"))) {
            if (SPLITS.stream().allMatch(split -> LABELS.stream()
                    .allMatch(label -> Files.isDirectory(candidate.resolve(split).resolve(label))))) {
                return candidate;
            }
        }
        throw new DatasetException("Not the aclImdb layout: " + folder + " has no train/{pos,neg} and test/{pos,neg}"
                + " (nor has its aclImdb/ subfolder)");
    }

    /** Reads the corpus under {@code root} (see {@link #root}). */
    public static ImdbCorpus read(Path root) {
        Map<String, Integer> numbers = new HashMap<>();
        List<String> words = new ArrayList<>();
        List<List<ImdbReview>> splits = new ArrayList<>();
        for (String split : SPLITS) {
            List<ImdbReview> reviews = new ArrayList<>();
            for (int label = 0; label < LABELS.size(); label++) {
                for (Path file : files(root.resolve(split).resolve(LABELS.get(label)))) {
                    Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                    if (!name.matches()) {
                        continue;
                    }
                    List<String> tokens = KerasTokenizer.words(readText(file));
                    int[] indices = new int[tokens.size()];
                    for (int t = 0; t < indices.length; t++) {
                        indices[t] = numbers.computeIfAbsent(tokens.get(t), word -> {
                            words.add(word);
                            return words.size() - 1;
                        });
                    }
                    reviews.add(new ImdbReview(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)),
                            label, indices));
                }
            }
            reviews.sort(Comparator.comparingInt(ImdbReview::label).thenComparingInt(ImdbReview::id));
            splits.add(List.copyOf(reviews));
        }
        return new ImdbCorpus(splits.get(0), splits.get(1), List.copyOf(words));
    }

    /** The files of a folder, sorted by name so that words are numbered the same way on every machine. */
    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + folder + ": " + e, e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e, e);
        }
    }
}
