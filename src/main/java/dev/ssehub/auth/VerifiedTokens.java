package dev.ssehub.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens one side has verified, with what they grant, so that a publisher that sends the same token
 * with every request is not verified again each time: parsing the JWS, checking its signature and
 * reading its claims cost more than the rest of a publish.
 *
 * <p>It never lets through what verification would refuse. An entry is keyed by the whole token
 * string, so only that very token finds it; refusals are never kept. An entry holds until the
 * token's {@code exp} (verification refuses a token from then on), and only while the keys it was
 * verified with are still the ones the hub holds: once an identity provider's set has been read
 * again, the token is verified against the new set, so keys the provider withdrew stop as they
 * did before. Whatever the token, an entry is dropped after {@link #MAX_AGE}, and at most
 * {@link #MAX_ENTRIES} are kept.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 4096;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Entry(Claims claims, TokenVerifier.Keys keys, long keysRead, long validUntilMillis) {
    }

    private final LongSupplier clockMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Kept by {@code clockMillis}, the wall clock in milliseconds, as token expiry is. */
    VerifiedTokens(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** What the token grants, if it was verified and still holds; null when it must be verified. */
    Claims get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= entry.validUntilMillis() || entry.keys().lastRead() != entry.keysRead()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.claims();
    }

    /** Keeps what a token that {@code keys} just verified grants, read when those keys were last read. */
    void remember(String token, Claims claims, TokenVerifier.Keys keys, long keysRead) {
        long now = clockMillis.getAsLong();
        long validUntil = Math.min(now + MAX_AGE.toMillis(), keys.currentUntil(keysRead));
        if (claims.expiresAt().isPresent()) {
            validUntil = Math.min(validUntil, claims.expiresAt().map(Instant::toEpochMilli).get());
        }
        if (validUntil <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> entry.validUntilMillis() <= now);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(claims, keys, keysRead, validUntil));
    }

    int size() {
        return entries.size();
    }
}
