package dev.ssehub.hub;

import java.util.Locale;

/** Why a subscriber's stream ended. */
enum LeaveReason {
    /** The client closed or reset its connection, or a write to it failed. */
    CLIENT_GONE,
    /** It read slower than updates arrived, or stopped reading. */
    TOO_SLOW,
    /** Its token expired. */
    TOKEN_EXPIRED,
    /** The hub is stopping. */
    SHUTDOWN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
