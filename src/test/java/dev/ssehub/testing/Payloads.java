package dev.ssehub.testing;

import java.util.List;

/**
 * Payloads that runtimes and clients are known to alter, for every test that follows one from the
 * publisher to a subscriber. The SSE format cannot carry a carriage return inside data: every CR,
 * LF and CRLF is a line break and arrives as LF ({@link #asDelivered}); everything else arrives as sent.
 */
public final class Payloads {

    /** A payload with a name to tell it by in an assertion. */
    public record Payload(String name, String data) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<Payload> ALL = List.of(
            new Payload("indented JSON", "{\n  \"a\": 1,\n\t\"b\": 2\n}"),
            new Payload("leading spaces", "   three spaces first"),
            new Payload("blank lines inside", "before\n\nafter\n\n\nend"),
            new Payload("leading and trailing line breaks", "\n\nmiddle\n\n"),
            new Payload("one line break", "\n"),
            new Payload("CRLF", "one\r\ntwo\r\n"),
            new Payload("lone CR", "one\rtwo\r"),
            new Payload("CR before LF of a blank line", "a\r\n\r\nb"),
            new Payload("4-byte UTF-8", "🚀 𝄞 😀 Grüße 世界"),
            new Payload("field look-alikes", "id: forged\nevent: forged\ndata: forged\nretry: 1\n: comment"),
            new Payload("empty", ""),
            new Payload("trailing spaces and tabs", "end with spaces   \nand a tab\t"));

    private Payloads() {
    }

    /** What an SSE client receives for this data: line breaks of any kind as LF. */
    public static String asDelivered(String data) {
        return data.replace("\r\n", "\n").replace('\r', '\n');
    }
}
