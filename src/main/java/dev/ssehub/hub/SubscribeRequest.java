package dev.ssehub.hub;

import dev.ssehub.auth.Claims;
import dev.ssehub.topic.SelectorSet;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * An authorized subscription request.
 *
 * @param selectors   the {@code topic} selectors
 * @param claims      the subscriber's token claims, or {@link Claims#ANONYMOUS}
 * @param lastEventId the id to resume after, {@code earliest}, or null for live updates only
 * @param sink        the runtime's sink for this connection
 * @param sse         the runtime's event factory
 */
public record SubscribeRequest(SelectorSet selectors, Claims claims, String lastEventId, SseEventSink sink, Sse sse) {
}
