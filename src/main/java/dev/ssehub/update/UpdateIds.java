package dev.ssehub.update;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes the hub's own update ids: {@code urn:uuid:} followed by a UUIDv7 (RFC 9562), whose
 * millisecond prefix keeps ids from one hub roughly sortable by publication time.
 */
public final class UpdateIds {

    private static final String URN_PREFIX = "urn:uuid:";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Random bits for 128 ids at a time. */
    private static final int BLOCK_BYTES = 128 * 10;
    /**
     * Each thread's unused random bits, drawn from {@link #RANDOM} a block at a time: drawing them id
     * by id made concurrent publishers queue on its lock.
     */
    private static final ThreadLocal<ByteBuffer> RANDOM_BITS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BLOCK_BYTES).position(BLOCK_BYTES));

    private UpdateIds() {
    }

    public static String next() {
        return URN_PREFIX + uuidV7(System.currentTimeMillis());
    }

    static UUID uuidV7(long epochMillis) {
        ByteBuffer bits = RANDOM_BITS.get();
        if (bits.remaining() < 10) {
            RANDOM.nextBytes(bits.array());
            bits.clear();
        }
        long randomA = bits.getShort() & 0xFFF;
        long randomB = bits.getLong();
        long high = (epochMillis << 16) | (0x7L << 12) | randomA;
        long low = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
