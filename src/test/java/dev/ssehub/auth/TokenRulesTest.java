package dev.ssehub.auth;

import static dev.ssehub.auth.TokenVerifierTest.publisherVerifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issuer and audience a hub may require, and the claim its rights may sit in. */
class TokenRulesTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final OctetSequenceKey KEY = new OctetSequenceKey.Builder(SECRET.getBytes(StandardCharsets.UTF_8)).build();
    private static final Map<String, Object> PUBLISH_ANYWHERE = Map.of("publish", List.of("*"));

    @Test
    void aRequiredIssuerMustBeTheTokensIss() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_ISSUER, "https://idp.example.com/realms/hub"));
        assertThat(verifier.verify(token(claims().issuer("https://idp.example.com/realms/hub"))).publish().matches("x")).isTrue();
        assertThatThrownBy(() -> verifier.verify(token(claims().issuer("https://evil.example.com/realms/hub"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> verifier.verify(token(claims())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("iss");
    }

    @Test
    void aRequiredAudienceMustBeAmongTheTokensAud() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_AUDIENCE, "ssehub"));
        assertThat(verifier.verify(token(claims().audience(List.of("account", "ssehub")))).publish().matches("x")).isTrue();
        assertThat(verifier.verify(token(claims().audience("ssehub"))).publish().matches("x")).isTrue();
        assertThatThrownBy(() -> verifier.verify(token(claims().audience(List.of("account", "other-hub")))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> verifier.verify(token(claims())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
    }

    @Test
    void aNamespacedClaimCarriesTheRightsAndTheSpecsClaimStillWorks() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_CLAIM, "https://example.com/mercure"));
        assertThat(verifier.verify(token(bare().claim("https://example.com/mercure", PUBLISH_ANYWHERE))).publish().matches("x")).isTrue();
        assertThat(verifier.verify(token(bare().claim("mercure", PUBLISH_ANYWHERE))).publish().matches("x")).isTrue();
        Claims both = verifier.verify(token(bare()
                .claim("https://example.com/mercure", Map.of("publish", List.of("a")))
                .claim("mercure", Map.of("publish", List.of("b")))));
        assertThat(both.publish().matches("a")).as("the named claim wins").isTrue();
        assertThat(both.publish().matches("b")).isFalse();
        assertThatThrownBy(() -> verifier.verify(token(bare().claim("https://example.com/mercure", Map.of("publish", "*")))))
                .isInstanceOf(InvalidTokenException.class).hasMessage("the 'https://example.com/mercure.publish' claim is not an array");
    }

    @Test
    void aJsonPointerReachesANestedClaim() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_CLAIM, "/ext/hub~1rights"));
        assertThat(verifier.verify(token(bare().claim("ext", Map.of("hub/rights", PUBLISH_ANYWHERE)))).publish().matches("x")).isTrue();
        assertThat(verifier.verify(token(bare().claim("ext", "flat"))).publish().isEmpty()).isTrue();
        assertThatThrownBy(() -> verifier.verify(token(bare().claim("ext", Map.of("hub/rights", "everything")))))
                .isInstanceOf(InvalidTokenException.class).hasMessage("the '/ext/hub~1rights' claim is not a JSON object");
    }

    @Test
    void anAccessTokenTypedAsSuchPassesAndAnotherKindOfTokenDoesNot() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, SECRET));
        String accessToken = TestKeys.sign(KEY, new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims().build());
        assertThat(verifier.verify(accessToken).publish().matches("x")).isTrue();
        String logoutToken = TestKeys.sign(KEY, new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("logout+jwt")).build(), claims().build());
        assertThatThrownBy(() -> verifier.verify(logoutToken)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("the token's typ 'logout+jwt' is neither JWT nor at+jwt");
    }

    @Test
    void aMalformedPointerStopsTheStart() {
        assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_CLAIM, "/ext/~2")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SSEHUB_JWT_CLAIM (--jwt-claim): '/ext/~2' is not a JSON pointer: '~' must be followed by 0 or 1");
    }

    /** Claims that grant publishing anywhere in the spec's claim. */
    private static JWTClaimsSet.Builder claims() {
        return bare().claim("mercure", PUBLISH_ANYWHERE);
    }

    private static JWTClaimsSet.Builder bare() {
        return new JWTClaimsSet.Builder().expirationTime(new Date(System.currentTimeMillis() + 60_000));
    }

    private static String token(JWTClaimsSet.Builder claims) {
        return TestKeys.sign(KEY, JWSAlgorithm.HS256, claims.build());
    }
}
