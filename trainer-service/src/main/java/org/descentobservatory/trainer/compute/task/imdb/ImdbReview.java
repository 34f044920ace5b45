package org.descentobservatory.trainer.compute.task.imdb;

/**
 * One review of the aclImdb corpus.
 *
 * @param id     the number before the underscore of its file name {@code <id>_<rating>.txt}
 * @param rating the star rating after the underscore (1–4 negative, 7–10 positive)
 * @param label  1 for a review under {@code pos/}, 0 under {@code neg/}
 * @param words  its words as indices into the corpus' word list ({@link ImdbCorpus#words()}), in reading order
 */
public record ImdbReview(int id, int rating, int label, int[] words) {
}
