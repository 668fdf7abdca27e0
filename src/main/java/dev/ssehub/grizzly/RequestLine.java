package dev.ssehub.grizzly;

import org.glassfish.grizzly.Buffer;

/**
 * What RFC 9112 (section 3) and RFC 9110 (section 2.5) make of a request line: {@code method SP
 * request-target SP HTTP/DIGIT.DIGIT}, ended by LF with an optional CR before it. Runs of spaces or
 * tabs between the parts are taken as one separator, as Grizzly does and RFC 9112 allows.
 */
enum RequestLine {

    /** No LF yet: the line may still be arriving. */
    INCOMPLETE,
    /** HTTP/1.0 or HTTP/1.1. */
    HTTP_1,
    /** A later HTTP/1 minor version, which RFC 9110 says to serve as the highest one the server knows. */
    LATER_HTTP_1,
    /** Not the grammar: the RFC's answer is 400. */
    MALFORMED,
    /** The grammar with another major version: the RFC's answer is 505. */
    UNSUPPORTED_VERSION;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final String HTTP_NAME = "HTTP/";

    /** The position of the first LF in {@code input} from {@code from} up to {@code limit}, or -1. */
    static int lineEnd(Buffer input, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (input.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Judges the line from {@code start} up to the LF at {@code lf}. */
    static RequestLine judge(Buffer input, int start, int lf) {
        int end = lf > start && input.get(lf - 1) == CR ? lf - 1 : lf;
        int methodEnd = skipToken(input, start, end);
        int targetStart = skipBlanks(input, methodEnd, end);
        int targetEnd = skipToken(input, targetStart, end);
        int versionStart = skipBlanks(input, targetEnd, end);
        if (methodEnd == start || targetStart == methodEnd || targetEnd == targetStart || versionStart == targetEnd) {
            return MALFORMED;
        }
        return version(input, versionStart, end);
    }

    private static RequestLine version(Buffer input, int start, int end) {
        if (end - start != HTTP_NAME.length() + 3) {
            return MALFORMED;
        }
        for (int i = 0; i < HTTP_NAME.length(); i++) {
            if (input.get(start + i) != HTTP_NAME.charAt(i)) {
                return MALFORMED;
            }
        }
        byte major = input.get(start + HTTP_NAME.length());
        byte dot = input.get(start + HTTP_NAME.length() + 1);
        byte minor = input.get(start + HTTP_NAME.length() + 2);
        if (!isDigit(major) || dot != '.' || !isDigit(minor)) {
            return MALFORMED;
        }
        if (major != '1') {
            return UNSUPPORTED_VERSION;
        }
        return minor <= '1' ? HTTP_1 : LATER_HTTP_1;
    }

    /** The end of the token at {@code from}; a CR inside the line makes it end there too, and the parts after it missing. */
    private static int skipToken(Buffer input, int from, int end) {
        int i = from;
        while (i < end && !isBlank(input.get(i)) && input.get(i) != CR) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(Buffer input, int from, int end) {
        int i = from;
        while (i < end && isBlank(input.get(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
