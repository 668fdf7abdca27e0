package dev.ssehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The soak's part of {@code docs/benchmarks.md}: from its marker to the end of the file. The bench
 * rewrites the rest of the file and keeps this part; the soak replaces only this part.
 */
final class SoakSection {

    static final String MARKER = "<!-- Written by make soak (dev.ssehub.bench.SoakDriver); make bench keeps it. -->";

    private SoakSection() {
    }

    /** The soak section of the file, or "" when it has none (or does not exist). */
    static String existing(Path markdown) throws IOException {
        if (!Files.exists(markdown)) {
            return "";
        }
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        int at = text.indexOf(MARKER);
        return at < 0 ? "" : "\n" + text.substring(at);
    }

    /** Replaces the soak section of the file with this one, or appends it. */
    static void write(Path markdown, String section) throws IOException {
        String text = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int at = text.indexOf(MARKER);
        String before = at < 0 ? text.stripTrailing() + "\n\n" : text.substring(0, at);
        Files.writeString(markdown, before + MARKER + "\n" + section, StandardCharsets.UTF_8);
    }
}
