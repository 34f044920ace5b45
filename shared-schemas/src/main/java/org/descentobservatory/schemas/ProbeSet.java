package org.descentobservatory.schemas;

/**
 * The test sequences the analyzer drives the network with, stored once per run under
 * {@link ObjectKeys#probeSet(String)} as JSON (schema {@code probe-set.v1.schema.json}). A token task (sentiment)
 * fills {@code tokens}; a forecasting task (Lorenz-63) fills {@code series}; the other is null.
 *
 * @param sequenceLength length of every sequence (token sequences are padded with token 0)
 * @param tokens         {@code tokens[i][t]}: token index of probe i at step t; null for a forecasting task
 * @param series         {@code series[i][t][d]}: component d of the input of probe i at step t; null for a token task
 */
public record ProbeSet(int schemaVersion, String runId, int sequenceLength, int[][] tokens, double[][][] series) {

    public static final int SCHEMA_VERSION = 1;

    public static ProbeSet of(String runId, int[][] tokens) {
        return new ProbeSet(SCHEMA_VERSION, runId, tokens.length == 0 ? 0 : tokens[0].length, tokens, null);
    }

    public static ProbeSet ofSeries(String runId, double[][][] series) {
        return new ProbeSet(SCHEMA_VERSION, runId, series.length == 0 ? 0 : series[0].length, null, series);
    }

    public int probeCount() {
        return tokens != null ? tokens.length : series.length;
    }
}
