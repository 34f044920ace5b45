package org.descentobservatory.trainer.compute;

import org.descentobservatory.schemas.RunSpec;

/** Where a review shorter than L gets its padding tokens 0 (no masks: the network reads the padding too). */
public enum Padding {
    /** Before the words: {@code 0 … 0 w₁ … wₙ} (the paper's Keras {@code pad_sequences} default). */
    PRE,
    /** After the words: {@code w₁ … wₙ 0 … 0}. */
    POST;

    /** The side a {@link RunSpec#paddingSide()} names. */
    public static Padding of(String paddingSide) {
        return switch (paddingSide) {
            case RunSpec.PADDING_PRE -> PRE;
            case RunSpec.PADDING_POST -> POST;
            default -> throw new IllegalArgumentException("Unknown padding side '" + paddingSide
                    + "'; expected " + RunSpec.PADDING_PRE + " or " + RunSpec.PADDING_POST);
        };
    }

    /**
     * {@code words} fitted to length {@code length}: padded with 0 on this side when shorter, and when longer cut at
     * the front whatever the side, keeping the last {@code length} words (Keras' default {@code truncating="pre"}).
     * Cost: O(length).
     */
    public int[] fit(int[] words, int length) {
        int[] fitted = new int[length];
        int kept = Math.min(words.length, length);
        int from = words.length - kept;
        int to = this == PRE ? length - kept : 0;
        System.arraycopy(words, from, fitted, to, kept);
        return fitted;
    }
}
