package org.descentobservatory.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    @Test
    void checkpointKeysSortByEpoch() {
        assertThat(ObjectKeys.checkpoint("r", 9)).isEqualTo("runs/r/checkpoints/epoch-000009.zip");
        assertThat(ObjectKeys.checkpoint("r", 9)).isLessThan(ObjectKeys.checkpoint("r", 10));
    }

    @Test
    void everyKeyOfARunSharesItsPrefix() {
        assertThat(ObjectKeys.probeSet("r")).startsWith(ObjectKeys.runPrefix("r"));
        assertThat(ObjectKeys.checkpoint("r", 1)).startsWith(ObjectKeys.runPrefix("r"));
    }
}
