package dev.ssehub.protocol;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request, whichever runtime served it, on the logger operators turn off alone
 * ({@code dev.ssehub.http.RequestLog}, as the README names it). It names the path but never the
 * query, which may carry a token, and no header, so no cookie or Authorization value. The client's
 * address is left out: JAX-RS has no portable way to read it.
 */
public final class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.ssehub.http.RequestLog");

    private AccessLog() {
    }

    /** False when the line would be dropped, so callers can skip measuring for it. */
    public static boolean enabled() {
        return LOG.isLoggable(Level.INFO);
    }

    /**
     * @param startedNanos  when the request arrived, by {@link System#nanoTime()}; the duration runs until the answer starts
     * @param streamAccepted true for an event stream the hub accepted, its replay included
     */
    public static void request(String method, String rawPath, int status, long startedNanos, boolean streamAccepted) {
        if (!enabled()) {
            return;
        }
        StringBuilder line = new StringBuilder("event=request method=").append(method).append(" path=");
        appendPrintable(line, rawPath);
        line.append(" status=").append(status)
                .append(" duration_ms=").append((System.nanoTime() - startedNanos) / 1_000_000);
        if (streamAccepted) {
            line.append(" stream=accepted");
        }
        // Naming the source spares the logger a walk of the stack to find it, on every request.
        LOG.logp(Level.INFO, AccessLog.class.getName(), "request", line.toString());
    }

    /** A path a client sent may hold anything its server's parser let through; one line stays one line. */
    private static void appendPrintable(StringBuilder line, String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                line.append(c);
            } else {
                line.append("\\u").append(String.format("%04x", (int) c));
            }
        }
    }
}
