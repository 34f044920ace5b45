package org.descentobservatory.dashboard.rest;

/**
 * Parses optional query parameters by hand so a malformed one gets a 400 that names it (JAX-RS would answer a failed
 * conversion of a query parameter with a bare 404).
 */
final class QueryParams {

    private QueryParams() {
    }

    static Integer optionalInt(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("query parameter '" + name + "' must be an integer, was '" + value + "'");
        }
    }

    static Double optionalDouble(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("query parameter '" + name + "' must be a number, was '" + value + "'");
        }
    }

    static int intInRange(String name, String value, int defaultValue, int min, int max) {
        Integer parsed = optionalInt(name, value);
        int resolved = parsed == null ? defaultValue : parsed;
        if (resolved < min || resolved > max) {
            throw new BadRequestException("query parameter '" + name + "' must be in [" + min + ", " + max
                    + "], was " + resolved);
        }
        return resolved;
    }
}
