package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    private final TokenVerifier hs256 = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET));

    @Test
    void readsTheMercureClaim() throws Exception {
        String token = sign(new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", List.of("https://example.com/{id}"), "subscribe", List.of("*"), "payload", Map.of("user", "u1")))
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        Claims claims = hs256.verify(token);
        assertThat(claims.publish().matches("https://example.com/7")).isTrue();
        assertThat(claims.publish().matches("https://other.com/7")).isFalse();
        assertThat(claims.subscribe().matches("anything")).isTrue();
        assertThat(claims.payload()).isEqualTo(Map.of("user", "u1"));
        assertThat(claims.expiresAt()).isPresent();
    }

    @Test
    void aTokenWithoutMercureClaimGrantsNothing() throws Exception {
        Claims claims = hs256.verify(sign(new JWTClaimsSet.Builder().subject("x").build()));
        assertThat(claims.publish().isEmpty()).isTrue();
        assertThat(claims.subscribe().isEmpty()).isTrue();
    }

    @Test
    void refusesUnsignedExpiredForgedAndMalformedTokens() throws Exception {
        JWTClaimsSet grantAll = new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*"))).build();
        String unsigned = new PlainJWT(new PlainHeader(), grantAll).serialize();
        String expired = sign(new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*")))
                .expirationTime(new Date(System.currentTimeMillis() - 1000)).build());
        String notYet = sign(new JWTClaimsSet.Builder().notBeforeTime(new Date(System.currentTimeMillis() + 60_000)).build());
        String otherKey = new TokenIssuer("another-secret-that-is-long-enough-for-hs256").issue(List.of("*"), List.of(), Duration.ofHours(1));
        String tampered = swapPayload(sign(new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("a"))).build()), grantAll);
        String badClaimShape = sign(new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", "*")).build());
        String badSelector = sign(new JWTClaimsSet.Builder().claim("mercure", Map.of("subscribe", List.of(1, 2))).build());
        for (String token : List.of(unsigned, expired, notYet, otherKey, tampered, badClaimShape, badSelector, "", "a.b.c", "garbage")) {
            assertThatThrownBy(() -> hs256.verify(token)).as(token).isInstanceOf(InvalidTokenException.class);
        }
    }

    /** Checked once and then trusted, a token must still stop at its exp, however often it was sent. */
    @Test
    void aTokenThatPassedIsRefusedFromItsExpiryOn() throws Exception {
        long expiry = System.currentTimeMillis() / 1000 * 1000 + 2000;
        String token = sign(new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*")))
                .expirationTime(new Date(expiry)).build());
        assertThat(hs256.verify(token).publish().matches("x")).isTrue();
        assertThat(hs256.verify(token).publish().matches("x")).isTrue();
        Thread.sleep(Math.max(0, expiry - System.currentTimeMillis()) + 50);
        assertThatThrownBy(() -> hs256.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        String otherKey = new TokenIssuer("another-secret-that-is-long-enough-for-hs256").issue(List.of("*"), List.of(), Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> hs256.verify(otherKey)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void rs256AcceptsItsKeyAndRefusesHsTokensSignedWithThePublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        TokenVerifier rs256 = publisherVerifier(Map.of(Setting.JWT_KEY, pem, Setting.JWT_ALG, "RS256"));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*"))).build();

        SignedJWT rsa = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        rsa.sign(new RSASSASigner(pair.getPrivate()));
        assertThat(rs256.verify(rsa.serialize()).publish().matches("x")).isTrue();

        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        confused.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> rs256.verify(confused.serialize())).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> hs256.verify(rsa.serialize())).isInstanceOf(InvalidTokenException.class);
    }

    /** The publishers' verifier of a hub with these settings. */
    static TokenVerifier publisherVerifier(Map<Setting, String> settings) {
        return TokenVerifiers.from(Settings.from(settings)).publishers();
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String swapPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
