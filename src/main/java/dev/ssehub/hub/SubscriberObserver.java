package dev.ssehub.hub;

import dev.ssehub.auth.Claims;
import dev.ssehub.topic.SelectorSet;

/**
 * Told when a subscriber joins and when it leaves, whatever the reason (client gone, too slow,
 * token expired, hub closing). Called on the hub's own threads, the dispatcher among them: an
 * observer must return at once and never throw. For one subscriber, {@link #joined} always comes
 * before {@link #left}.
 */
public interface SubscriberObserver {

    SubscriberObserver NONE = new SubscriberObserver() {
        @Override
        public void joined(String subscriberId, SelectorSet selectors, Claims claims) {
        }

        @Override
        public void left(String subscriberId) {
        }
    };

    /**
     * @param subscriberId the subscriber's {@code urn:uuid:} id, unique to this connection
     * @param selectors    its {@code topic} selectors
     * @param claims       its token's claims, or {@link Claims#ANONYMOUS}
     */
    void joined(String subscriberId, SelectorSet selectors, Claims claims);

    void left(String subscriberId);
}
