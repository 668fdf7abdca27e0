package dev.ssehub.update;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes the hub's own update ids: {@code urn:uuid:} followed by a UUIDv7 (RFC 9562), whose
 * millisecond prefix keeps ids from one hub roughly sortable by publication time.
 */
public final class UpdateIds {

    private static final String URN_PREFIX = "urn:uuid:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UpdateIds() {
    }

    public static String next() {
        return URN_PREFIX + uuidV7(System.currentTimeMillis());
    }

    static UUID uuidV7(long epochMillis) {
        long randomA = RANDOM.nextInt(1 << 12);
        long randomB = RANDOM.nextLong();
        long high = (epochMillis << 16) | (0x7L << 12) | randomA;
        long low = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
