package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.ssehub.auth.InvalidTokenException;
import dev.ssehub.auth.TokenVerifiers;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.Keycloak;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.TestKeys;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hub with tokens from a real identity provider: Keycloak, with the realm of
 * {@code src/test/resources/keycloak}. Its clients get tokens by the client-credentials grant, signed
 * RS256 (publisher), ES256 (subscriber) and EdDSA (a publisher whose rights sit in a namespaced claim),
 * each with a protocol mapper that adds the rights and the hub as audience.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakTest extends HubTest {

    private static final String BOOK = "https://example.com/books/1";

    /** Static: JerseyTest configures the hub in its constructor, before the fields of this class are set. */
    private static final Keycloak keycloak = Keycloak.start();

    @AfterAll
    static void stopKeycloak() {
        keycloak.stop();
    }

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.JWKS_URL, keycloak.jwksUrl().toString());
        settings.put(Setting.JWT_ISSUER, keycloak.issuer());
        settings.put(Setting.JWT_AUDIENCE, "ssehub");
        settings.put(Setting.JWT_CLAIM, "https://example.com/mercure");
        settings.put(Setting.JWKS_REFRESH, "1s");
    }

    @Test
    @Order(1)
    void anRs256PublisherReachesAnEs256SubscriberWithAPrivateUpdate() throws Exception {
        String subscriber = keycloak.clientCredentialsToken("ssehub-subscriber", "subscriber-secret");
        String publisher = keycloak.clientCredentialsToken("ssehub-publisher", "publisher-secret");
        assertThat(SignedJWT.parse(subscriber).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SignedJWT.parse(publisher).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        URI stream = URI.create(hubUri() + "?topic=" + URLEncoder.encode("https://example.com/books/{id}", StandardCharsets.UTF_8));
        try (RawEventStream events = RawEventStream.open(stream, "Authorization", "Bearer " + subscriber).connected()) {
            try (Response published = publish(publisher, BOOK, true)) {
                assertThat(published.getStatus()).isEqualTo(200);
            }
            assertThat(events.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("from keycloak");
        }
    }

    @Test
    @Order(2)
    void anEdDsaTokenWithItsRightsInANamespacedClaimPublishesWhereTheyAllow() throws Exception {
        String publisher = keycloak.clientCredentialsToken("ssehub-eddsa", "eddsa-secret");
        assertThat(SignedJWT.parse(publisher).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        try (Response published = publish(publisher, BOOK, false)) {
            assertThat(published.getStatus()).isEqualTo(200);
        }
        try (Response refused = publish(publisher, "https://example.com/authors/1", false)) {
            assertProblem(refused, 403, "topic");
        }
    }

    @Test
    @Order(3)
    void aHubThatExpectsAnotherIssuerOrAudienceRefusesTheProvidersTokens() throws Exception {
        String token = keycloak.clientCredentialsToken("ssehub-publisher", "publisher-secret");
        for (Map<Setting, String> other : List.of(
                Map.of(Setting.JWKS_URL, keycloak.jwksUrl().toString(), Setting.JWT_AUDIENCE, "another-hub"),
                Map.of(Setting.JWKS_URL, keycloak.jwksUrl().toString(), Setting.JWT_ISSUER, keycloak.issuer().replace("/ssehub", "/other")))) {
            assertThatThrownBy(() -> TokenVerifiers.from(Settings.from(other)).publishers().verify(token))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("refused");
        }
    }

    /** Keycloak counts the requests it serves: forged kids for three seconds cost it one read a second. */
    @Test
    @Order(4)
    void aFloodOfForgedKeyIdsReadsKeycloaksKeysAtMostOncePerInterval() throws Exception {
        RSAKey forger = TestKeys.rsa(null);
        long before = keycloak.jwksRequests();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int refused = 0;
        while (System.nanoTime() < end) {
            RSAKey forged = new RSAKey.Builder(forger).keyID(UUID.randomUUID().toString()).build();
            try (Response response = publish(sign(forged, JWSAlgorithm.RS256, grants(List.of("*"), List.of())), BOOK, false)) {
                assertProblem(response, 401, "Authorization");
            }
            refused++;
        }
        long reads = keycloak.jwksRequests() - before;
        assertThat(refused).isGreaterThan(50);
        assertThat(reads).as("reads of the JWK set during %d forged tokens", refused).isBetween(1L, 4L);
    }

    /**
     * Keycloak's keys rotated while the hub runs: tokens signed with the new key work at once, and
     * tokens signed with the old one until they expire (the publisher client's tokens live 15 s).
     */
    @Test
    @Order(5)
    void afterAKeyRotationNewTokensWorkWithoutARestartAndOldOnesUntilTheyExpire() throws Exception {
        String old = keycloak.clientCredentialsToken("ssehub-publisher", "publisher-secret");
        try (Response published = publish(old, BOOK, false)) {
            assertThat(published.getStatus()).isEqualTo(200);
        }
        try (RawEventStream oldSubscription = RawEventStream.open(URI.create(hubUri() + "?topic=t"), "Authorization", "Bearer " + old).connected()) {
            keycloak.rotateKeys("rsa-generated", Map.of("algorithm", "RS256", "keySize", "2048"));
            String rotated = keycloak.clientCredentialsToken("ssehub-publisher", "publisher-secret");
            assertThat(SignedJWT.parse(rotated).getHeader().getKeyID()).isNotEqualTo(SignedJWT.parse(old).getHeader().getKeyID());
            Thread.sleep(1100);
            try (Response published = publish(rotated, BOOK, false)) {
                assertThat(published.getStatus()).isEqualTo(200);
            }
            try (Response published = publish(old, BOOK, false)) {
                assertThat(published.getStatus()).isEqualTo(200);
            }

            Instant expiry = SignedJWT.parse(old).getJWTClaimsSet().getExpirationTime().toInstant();
            assertThat(oldSubscription.awaitEnd(Duration.between(Instant.now(), expiry).plusSeconds(5))).as("the stream ends when its token expires").isTrue();
            try (Response refused = publish(old, BOOK, false)) {
                assertProblem(refused, 401, "Authorization");
            }
            // The rotated token lives 15 s too and may have expired by now: a fresh one is signed with the new key.
            String fresh = keycloak.clientCredentialsToken("ssehub-publisher", "publisher-secret");
            assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(SignedJWT.parse(rotated).getHeader().getKeyID());
            try (Response published = publish(fresh, BOOK, false)) {
                assertThat(published.getStatus()).isEqualTo(200);
            }
        }
    }

    private Response publish(String token, String topic, boolean privately) {
        Form form = new Form().param("topic", topic).param("data", "from keycloak");
        if (privately) {
            form.param("private", "on");
        }
        return target(HUB_PATH).request().header("Authorization", "Bearer " + token).post(Entity.form(form));
    }
}
