package dev.ssehub.hub;

import dev.ssehub.auth.Claims;
import dev.ssehub.topic.SelectorSet;

/**
 * An authorized subscription request.
 *
 * @param selectors   the {@code topic} selectors
 * @param claims      the subscriber's token claims, or {@link Claims#ANONYMOUS}
 * @param lastEventId the id to resume after, {@code earliest}, or null for live updates only
 */
public record SubscribeRequest(SelectorSet selectors, Claims claims, String lastEventId) {
}
