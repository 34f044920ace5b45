package org.descentobservatory.trainer.compute.task.imdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a review into words as Keras' {@code Tokenizer} does with its defaults (lower case; the characters of
 * {@link #FILTERS} become spaces; split on spaces), after replacing the aclImdb line breaks {@code <br />} by spaces
 * (otherwise each would leave a word "br"). Apostrophes stay inside words ("don't"), as in Keras. Cost: O(length).
 */
public final class KerasTokenizer {

    /** Keras' default {@code filters}: punctuation, tab and newline. */
    static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

    private KerasTokenizer() {
    }

    public static List<String> words(String review) {
        String text = LINE_BREAK.matcher(review).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || FILTERS.indexOf(c) >= 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
