package dev.ssehub.auth;

import dev.ssehub.topic.SelectorSet;
import java.time.Instant;
import java.util.Optional;

/**
 * What a verified token grants: the {@code mercure} claim's {@code publish} and {@code subscribe}
 * selectors, its {@code payload} (opaque JSON, kept for subscription events), and when it expires.
 */
public record Claims(SelectorSet publish, SelectorSet subscribe, Object payload, Optional<Instant> expiresAt) {

    /** What an anonymous subscriber has: no rights to private updates, no expiry. */
    public static final Claims ANONYMOUS = new Claims(SelectorSet.empty(), SelectorSet.empty(), null, Optional.empty());
}
