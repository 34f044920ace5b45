package org.descentobservatory.trainer.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Run ids {@code run-<yyyymmdd-hhmmss>-<4 hex>} (UTC): readable, sortable by submission second, and distinct within
 * a second with high probability (the registry retries on a clash). They match {@link #PATTERN}, the contracts' run
 * id pattern, so they are valid Kafka keys and object-key segments.
 */
public final class RunIds {

    /** The run id pattern of common.v1.schema.json. */
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String next(Instant now, RandomGenerator random) {
        byte[] suffix = new byte[2];
        suffix[0] = (byte) random.nextInt(256);
        suffix[1] = (byte) random.nextInt(256);
        return "run-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }
}
