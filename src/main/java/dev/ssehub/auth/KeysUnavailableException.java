package dev.ssehub.auth;

import java.time.Duration;

/**
 * The keys that would verify a token cannot be had right now: its identity provider is unreachable
 * and nothing it published is cached. Not the token's fault, so not a 401.
 */
public final class KeysUnavailableException extends Exception {

    private final Duration retryAfter;

    public KeysUnavailableException(String reason, Duration retryAfter) {
        super(reason);
        this.retryAfter = retryAfter;
    }

    /** How long until the hub asks the provider again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
