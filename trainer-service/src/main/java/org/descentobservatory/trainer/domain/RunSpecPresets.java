package org.descentobservatory.trainer.domain;

import org.descentobservatory.schemas.RunSpec;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named base specs a {@code POST /api/runs} body can start from with {@code "preset": "<name>"}; the body's other
 * fields override the preset's. Without a {@code preset} field the body is merged over {@link #DEFAULT}.
 */
public final class RunSpecPresets {

    /** The paper's network on the synthetic task sized for a 2-core CPU: {@link DefaultRunSpec#SPEC}. */
    public static final String CPU_SMALL = "cpu-small";
    /** The paper's experiment on IMDb: {@link PaperImdbRunSpec#SPEC}. */
    public static final String PAPER_IMDB = "paper-imdb";
    /** A Lorenz-63 forecaster sized for a 2-core CPU: {@link LorenzSmallRunSpec#SPEC}. */
    public static final String LORENZ_SMALL = "lorenz-small";
    /** The preset a body without a {@code preset} field is merged over. */
    public static final String DEFAULT = CPU_SMALL;

    private static final Map<String, RunSpec> PRESETS = Map.of(
            CPU_SMALL, DefaultRunSpec.SPEC,
            PAPER_IMDB, PaperImdbRunSpec.SPEC,
            LORENZ_SMALL, LorenzSmallRunSpec.SPEC);

    private RunSpecPresets() {
    }

    /** The preset called {@code name}, if there is one. */
    public static Optional<RunSpec> find(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    /** Every preset name, sorted (for error messages and documentation). */
    public static Set<String> names() {
        return new TreeSet<>(PRESETS.keySet());
    }
}
