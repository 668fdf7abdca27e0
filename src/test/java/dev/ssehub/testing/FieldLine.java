package dev.ssehub.testing;

/** One {@code field: value} line of an event stream, split as the SSE format says: one space after the colon is dropped. */
public record FieldLine(String field, String value) {

    public static FieldLine of(String line) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        return new FieldLine(field, value.startsWith(" ") ? value.substring(1) : value);
    }
}
