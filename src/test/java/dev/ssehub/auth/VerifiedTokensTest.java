package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ssehub.topic.SelectorSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final TokenVerifier.Keys STATIC = new TokenVerifier.Keys(Set.of(JWSAlgorithm.HS256), new ImmutableJWKSet<>(
            new JWKSet(new OctetSequenceKey.Builder("a-test-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)).build())));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens verified = new VerifiedTokens(now::get);

    @Test
    void aTokenHoldsUntilItsExpiryAndNotFromThenOn() {
        Claims claims = expiringIn(Duration.ofSeconds(10));
        verified.remember("token", claims, STATIC, STATIC.lastRead());
        assertThat(verified.get("token")).isSameAs(claims);
        assertThat(verified.get("token-but-longer")).isNull();
        now.addAndGet(9_999);
        assertThat(verified.get("token")).isSameAs(claims);
        now.addAndGet(1);
        assertThat(verified.get("token")).as("at its exp").isNull();
    }

    @Test
    void aTokenWithoutExpiryIsVerifiedAgainAfterTheLongestAge() {
        Claims claims = new Claims(SelectorSet.of("*"), SelectorSet.empty(), null, Optional.empty());
        verified.remember("token", claims, STATIC, STATIC.lastRead());
        now.addAndGet(VerifiedTokens.MAX_AGE.toMillis() - 1);
        assertThat(verified.get("token")).isSameAs(claims);
        now.addAndGet(1);
        assertThat(verified.get("token")).isNull();
    }

    @Test
    void anAlreadyExpiredTokenIsNotKept() {
        verified.remember("token", expiringIn(Duration.ZERO), STATIC, STATIC.lastRead());
        assertThat(verified.size()).isZero();
        assertThat(verified.get("token")).isNull();
    }

    @Test
    void theNumberOfTokensKeptIsBounded() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES * 3; i++) {
            verified.remember("token-" + i, expiringIn(Duration.ofHours(1)), STATIC, STATIC.lastRead());
            assertThat(verified.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
        }
        assertThat(verified.get("token-" + (VerifiedTokens.MAX_ENTRIES * 3 - 1))).isNotNull();
    }

    private Claims expiringIn(Duration duration) {
        return new Claims(SelectorSet.of("*"), SelectorSet.empty(), null, Optional.of(Instant.ofEpochMilli(now.get() + duration.toMillis())));
    }
}
