package org.descentobservatory.schemas;

/**
 * The test sequences the analyzer drives the network with, stored once per run under
 * {@link ObjectKeys#probeSet(String)} as JSON (schema {@code probe-set.v1.schema.json}).
 *
 * @param sequenceLength length of every sequence, front-padded with token 0
 * @param tokens         {@code tokens[i][t]}: token index of probe i at step t
 */
public record ProbeSet(int schemaVersion, String runId, int sequenceLength, int[][] tokens) {

    public static final int SCHEMA_VERSION = 1;

    public static ProbeSet of(String runId, int[][] tokens) {
        return new ProbeSet(SCHEMA_VERSION, runId, tokens.length == 0 ? 0 : tokens[0].length, tokens);
    }

    public int probeCount() {
        return tokens.length;
    }
}
