package dev.ssehub.auth;

import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ssehub.config.JwksUrl;
import dev.ssehub.testing.JwksEndpoint;
import dev.ssehub.testing.TestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys read from an identity provider's JWK set, here served by the JDK's HTTP server so that the
 * tests can count its reads and take it down ({@code KeycloakTest} does the same with a real provider).
 */
class ProviderKeysTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final JWTClaimsSet PUBLISH_ANYWHERE = grants(List.of("*"), List.of());
    private static final RSAKey RSA = TestKeys.rsa("rsa-1");
    private static final ECKey EC = TestKeys.ec(Curve.P_256, "ec-1");
    private static final OctetKeyPair ED25519 = TestKeys.ed25519("ed-1");

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(ProviderKeys.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
        logger.setLevel(levelBefore);
    }

    @Test
    void keysArePickedByKidAndTheirTypeMustFitTheAlgorithm() throws Exception {
        try (JwksEndpoint provider = JwksEndpoint.serving(RSA, EC, ED25519)) {
            TokenVerifier verifier = verifier(keys(provider, Duration.ofMinutes(5)));
            assertThat(verifier.verify(sign(RSA, JWSAlgorithm.RS256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            assertThat(verifier.verify(sign(RSA, JWSAlgorithm.PS384, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            assertThat(verifier.verify(sign(EC, JWSAlgorithm.ES256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            assertThat(verifier.verify(sign(ED25519, JWSAlgorithm.EdDSA, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            String rsaTokenNamingTheEcKey = sign(RSA, new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ec-1").build(), PUBLISH_ANYWHERE);
            assertThatThrownBy(() -> verifier.verify(rsaTokenNamingTheEcKey)).isInstanceOf(InvalidTokenException.class)
                    .hasMessage("no key fits the token (kid 'ec-1')");
            assertThat(provider.reads()).isEqualTo(1);
        }
    }

    /** Forged kids: each would send the hub to the provider; the provider sees one read per interval. */
    @Test
    void aFloodOfUnknownKidsReadsTheSetAtMostOncePerInterval() throws Exception {
        try (JwksEndpoint provider = JwksEndpoint.serving(RSA)) {
            TokenVerifier verifier = verifier(keys(provider, Duration.ofMinutes(5)));
            long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            int refused = 0;
            while (System.nanoTime() < end) {
                RSAKey forged = new RSAKey.Builder(RSA).keyID(UUID.randomUUID().toString()).build();
                String token = sign(forged, JWSAlgorithm.RS256, PUBLISH_ANYWHERE);
                assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                        .hasMessageStartingWith("no key fits the token (kid");
                refused++;
                Thread.sleep(5);
            }
            List<Long> reads = provider.readTimes();
            assertThat(refused).isGreaterThan(100);
            assertThat(reads.size()).as("one read at start, then about one per second").isBetween(3, 5);
            // Measured where the reads arrive, so a slow request can bring two closer than the interval;
            // never as close as two reads let through back to back.
            for (int i = 1; i < reads.size(); i++) {
                assertThat(Duration.ofNanos(reads.get(i) - reads.get(i - 1))).as("time between reads %d and %d", i - 1, i)
                        .isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
            }
        }
    }

    @Test
    void aRotatedKeyIsUsedWithoutRestartAndAWithdrawnOneStopsOnceTheCacheExpires() throws Exception {
        RSAKey next = TestKeys.rsa("rsa-2");
        try (JwksEndpoint provider = JwksEndpoint.serving(RSA)) {
            TokenVerifier verifier = verifier(keys(provider, Duration.ofSeconds(3)));
            String old = sign(RSA, JWSAlgorithm.RS256, PUBLISH_ANYWHERE);
            assertThat(verifier.verify(old).publish().matches("x")).isTrue();

            provider.publish(RSA, next);
            Thread.sleep(INTERVAL.toMillis() + 100);
            assertThat(verifier.verify(sign(next, JWSAlgorithm.RS256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            assertThat(verifier.verify(old).publish().matches("x")).as("the old key is still published").isTrue();
            assertThat(provider.reads()).isEqualTo(2);

            provider.publish(next);
            Thread.sleep(3100);
            assertThatThrownBy(() -> verifier.verify(old)).isInstanceOf(InvalidTokenException.class);
            assertThat(verifier.verify(sign(next, JWSAlgorithm.RS256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        }
    }

    @Test
    void withNothingCachedAnUnreachableProviderMakesTokensUnavailableNotInvalidAndIsLoggedOnce() throws Exception {
        JwksEndpoint provider = JwksEndpoint.serving(RSA);
        URI url = provider.url();
        provider.stop();
        ProviderKeys keys = ProviderKeys.open(new JwksUrl(url), INTERVAL);
        TokenVerifier verifier = verifier(keys);
        String token = sign(RSA, JWSAlgorithm.RS256, PUBLISH_ANYWHERE);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class)
                    .hasMessage("the identity provider's keys cannot be read right now")
                    .satisfies(e -> assertThat(((KeysUnavailableException) e).retryAfter()).isEqualTo(INTERVAL));
            Thread.sleep(INTERVAL.toMillis() + 100);
        }
        ProviderKeys.Status status = keys.status();
        assertThat(status.hasKeys()).isFalse();
        assertThat(status.provider()).isEqualTo(ProviderKeys.Reachability.UNREACHABLE);
        assertThat(status.url()).isEqualTo("http://127.0.0.1:" + url.getPort() + "/certs");
        assertThat(status.error()).hasValueSatisfying(error -> assertThat(error).contains("Connection refused").doesNotContain("do-not-log-me"));
        assertThat(log).hasSize(1).first().asString()
                .startsWith("event=jwks_unreachable url=http://127.0.0.1:" + url.getPort() + "/certs error=")
                .doesNotContain("do-not-log-me");

        provider.start();
        Thread.sleep(INTERVAL.toMillis() + 100);
        assertThat(verifier.verify(token).publish().matches("x")).isTrue();
        assertThat(log).last().asString().isEqualTo("event=jwks_loaded url=http://127.0.0.1:" + url.getPort() + "/certs");
        provider.close();
    }

    @Test
    void cachedKeysKeepVerifyingWhileTheProviderIsDownButAnUnknownKidIsUnavailable() throws Exception {
        try (JwksEndpoint provider = JwksEndpoint.serving(RSA)) {
            ProviderKeys keys = keys(provider, Duration.ofSeconds(2));
            TokenVerifier verifier = verifier(keys);
            String token = sign(RSA, JWSAlgorithm.RS256, PUBLISH_ANYWHERE);
            assertThat(verifier.verify(token).publish().matches("x")).isTrue();
            provider.stop();
            Thread.sleep(2500);
            assertThat(verifier.verify(token).publish().matches("x")).as("past the cache's lifetime").isTrue();
            String rotatedIn = sign(TestKeys.rsa("rsa-new"), JWSAlgorithm.RS256, PUBLISH_ANYWHERE);
            assertThatThrownBy(() -> verifier.verify(rotatedIn)).isInstanceOf(KeysUnavailableException.class);
            assertThat(keys.status().hasKeys()).isTrue();
            assertThat(keys.status().provider()).isEqualTo(ProviderKeys.Reachability.UNREACHABLE);
        }
    }

    @Test
    void aFileJwkSetIsReadAgainWhenAnUnknownKidComes(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, new JWKSet(EC).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        ProviderKeys keys = ProviderKeys.open(new JwksUrl(file.toUri()), INTERVAL);
        TokenVerifier verifier = verifier(keys);
        assertThat(verifier.verify(sign(EC, JWSAlgorithm.ES256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();

        ECKey next = TestKeys.ec(Curve.P_256, "ec-2");
        Files.writeString(file, new JWKSet(List.of(EC, next)).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        Thread.sleep(INTERVAL.toMillis() + 100);
        assertThat(verifier.verify(sign(next, JWSAlgorithm.ES256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();

        Files.delete(file);
        Thread.sleep(INTERVAL.toMillis() + 100);
        assertThatThrownBy(() -> verifier.verify(sign(TestKeys.ec(Curve.P_256, "ec-3"), JWSAlgorithm.ES256, PUBLISH_ANYWHERE)))
                .isInstanceOf(KeysUnavailableException.class);
        assertThat(keys.status().error()).hasValueSatisfying(error -> assertThat(error).contains("jwks.json"));
    }

    private ProviderKeys keys(JwksEndpoint provider, Duration cacheLifetime) {
        ProviderKeys keys = new ProviderKeys(new JwksUrl(provider.url()), INTERVAL, cacheLifetime);
        keys.status();
        return keys;
    }

    private static TokenVerifier verifier(ProviderKeys keys) {
        return new TokenVerifier(List.of(new TokenVerifier.Keys(SignatureAlgorithms.ASYMMETRIC, keys)), TokenVerifier.Rules.SPEC);
    }
}
