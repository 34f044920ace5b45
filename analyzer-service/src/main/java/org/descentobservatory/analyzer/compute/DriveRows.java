package org.descentobservatory.analyzer.compute;

/**
 * The drive x·W + b of each of N trajectories for one step, without materialising an [N, gates·H] matrix: row r of
 * the drive is {@code values[start(r) … start(r) + gates·H)}. A token step points every row into the token-drive
 * table E_tok·W + b, the zero input points every row at b, an arbitrary drive matrix is its own rows.
 *
 * @param values    the rows' storage
 * @param rowStarts where row r starts in {@code values}; null: every row starts at 0 (one row shared by all)
 */
record DriveRows(double[] values, int[] rowStarts) {

    /** The offset of trajectory r's drive in {@link #values}. */
    int start(int row) {
        return rowStarts == null ? 0 : rowStarts[row];
    }
}
