package dev.ssehub.auth;

import static dev.ssehub.auth.TokenVerifierTest.publisherVerifier;
import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.pem;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token's algorithm must fit its key's type: the key decides, never the token. */
class SigningKeysTest {

    private static final JWTClaimsSet PUBLISH_ANYWHERE = grants(List.of("*"), List.of());
    private static final RSAKey RSA = TestKeys.rsa(null);
    private static final OctetKeyPair ED25519 = TestKeys.ed25519(null);

    @Test
    void everyRsaAlgorithmVerifiesWithAnRsaPemKey() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, pem(RSA)));
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512)) {
            assertThat(verifier.verify(sign(RSA, algorithm, PUBLISH_ANYWHERE)).publish().matches("x")).as(algorithm.getName()).isTrue();
        }
    }

    @Test
    void eachEcCurveVerifiesItsOwnAlgorithmOnly() throws Exception {
        Map<Curve, JWSAlgorithm> algorithms = Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);
        for (Map.Entry<Curve, JWSAlgorithm> entry : algorithms.entrySet()) {
            ECKey key = TestKeys.ec(entry.getKey(), null);
            TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, pem(key)));
            assertThat(verifier.verify(sign(key, entry.getValue(), PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
            for (JWSAlgorithm other : algorithms.values()) {
                if (!other.equals(entry.getValue())) {
                    ECKey otherCurve = TestKeys.ec(Curve.forJWSAlgorithm(other).iterator().next(), null);
                    assertThatThrownBy(() -> verifier.verify(sign(otherCurve, other, PUBLISH_ANYWHERE)))
                            .as(entry.getKey() + " key, " + other + " token").isInstanceOf(InvalidTokenException.class)
                            .hasMessageContaining("algorithm " + other.getName() + " is not accepted");
                }
            }
        }
    }

    @Test
    void anEd25519PemKeyVerifiesEdDsaTokensSignedByAnotherImplementation() throws Exception {
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, pem(ED25519)));
        assertThat(verifier.verify(sign(ED25519, JWSAlgorithm.EdDSA, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        assertThat(verifier.verify(sign(ED25519, JWSAlgorithm.Ed25519, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        String otherKey = sign(TestKeys.ed25519(null), JWSAlgorithm.EdDSA, PUBLISH_ANYWHERE);
        assertThatThrownBy(() -> verifier.verify(otherKey)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("the token's signature does not verify");
    }

    @Test
    void aSecretVerifiesTheHmacAlgorithmsItIsLongEnoughFor() throws Exception {
        OctetSequenceKey secret48 = new OctetSequenceKey.Builder("a-secret-of-forty-eight-bytes-for-hs384-tokens..".getBytes(StandardCharsets.UTF_8)).build();
        TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, new String(secret48.toByteArray(), StandardCharsets.UTF_8)));
        assertThat(verifier.verify(sign(secret48, JWSAlgorithm.HS256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        assertThat(verifier.verify(sign(secret48, JWSAlgorithm.HS384, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        OctetSequenceKey secret64 = new OctetSequenceKey.Builder((new String(secret48.toByteArray(), StandardCharsets.UTF_8) + "sixteen more....").getBytes(StandardCharsets.UTF_8)).build();
        assertThatThrownBy(() -> verifier.verify(sign(secret64, JWSAlgorithm.HS512, PUBLISH_ANYWHERE)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("HS512 is not accepted");
    }

    /** The classic confusion: the public key's PEM text used as an HMAC secret. */
    @Test
    void anHmacTokenSignedWithThePublicKeyIsRefused() {
        for (JWK key : List.of(RSA, TestKeys.ec(Curve.P_256, null), ED25519)) {
            String pem = pem(key);
            TokenVerifier verifier = publisherVerifier(Map.of(Setting.JWT_KEY, pem));
            String confused = sign(new OctetSequenceKey.Builder(pem.getBytes(StandardCharsets.US_ASCII)).build(), JWSAlgorithm.HS256, PUBLISH_ANYWHERE);
            assertThatThrownBy(() -> verifier.verify(confused)).as(key.getKeyType().getValue())
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("HS256 is not accepted");
        }
    }

    @Test
    void anUnsignedTokenIsRefusedWhateverTheKey() {
        String unsigned = new PlainJWT(PUBLISH_ANYWHERE).serialize();
        for (String key : List.of(pem(RSA), pem(ED25519), "a-test-secret-that-is-long-enough-for-hs256")) {
            assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWT_KEY, key)).verify(unsigned))
                    .isInstanceOf(InvalidTokenException.class).hasMessage("the token is unsigned (alg: none)");
        }
    }

    @Test
    void theAcceptedAlgorithmsNarrowWhatAKeyVerifies() throws Exception {
        TokenVerifier rs256Only = publisherVerifier(Map.of(Setting.JWT_KEY, pem(RSA), Setting.JWT_ALG, "RS256"));
        assertThat(rs256Only.verify(sign(RSA, JWSAlgorithm.RS256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        assertThatThrownBy(() -> rs256Only.verify(sign(RSA, JWSAlgorithm.PS256, PUBLISH_ANYWHERE)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("PS256 is not accepted here; accepted: RS256");
    }

    /**
     * In a key set with several EC keys, the token's kid and its algorithm's curve must both match:
     * an ES256 token naming a P-384 key finds no key, however it was signed.
     */
    @Test
    void aKeyOfTheWrongCurveIsNeverUsed() throws Exception {
        ECKey p256 = TestKeys.ec(Curve.P_256, "p256");
        ECKey p384 = TestKeys.ec(Curve.P_384, "p384");
        TokenVerifier verifier = new TokenVerifier(List.of(new TokenVerifier.Keys(SignatureAlgorithms.ASYMMETRIC,
                new ImmutableJWKSet<>(new JWKSet(List.of(p256.toPublicJWK(), p384.toPublicJWK()))))), TokenVerifier.Rules.SPEC);
        assertThat(verifier.verify(sign(p256, JWSAlgorithm.ES256, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        assertThat(verifier.verify(sign(p384, JWSAlgorithm.ES384, PUBLISH_ANYWHERE)).publish().matches("x")).isTrue();
        String es256NamingP384 = sign(p256, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("p384").build(), PUBLISH_ANYWHERE);
        String es384NamingP256 = sign(p384, new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("p256").build(), PUBLISH_ANYWHERE);
        for (String token : List.of(es256NamingP384, es384NamingP256)) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("no key fits the token (kid");
        }
    }

    @Test
    void anEd448KeyIsRefusedAtStartAndNeverPicksATokenFromAKeySet() {
        OctetKeyPair ed448 = TestKeys.ed448("ed448");
        assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWT_KEY, pem(ed448))))
                .isInstanceOf(InvalidSettingException.class).hasMessage("SSEHUB_JWT_KEY (--jwt-key): only Ed25519 EdDSA keys are supported, not Ed448");
        TokenVerifier verifier = new TokenVerifier(List.of(new TokenVerifier.Keys(Set.of(JWSAlgorithm.EdDSA),
                new ImmutableJWKSet<>(new JWKSet(ed448.toPublicJWK())))), TokenVerifier.Rules.SPEC);
        String namingEd448 = sign(ED25519, new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed448").build(), PUBLISH_ANYWHERE);
        assertThatThrownBy(() -> verifier.verify(namingEd448)).isInstanceOf(InvalidTokenException.class).hasMessage("no key fits the token (kid 'ed448')");
    }

    @Test
    void anAlgorithmListThatFitsNoKeyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWT_KEY, pem(RSA), Setting.JWT_ALG, "ES256,EdDSA")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SSEHUB_JWT_ALG (--jwt-alg): none of ES256, EdDSA fits the key in SSEHUB_JWT_KEY, which verifies PS256, PS384, PS512, RS256, RS384, RS512");
        assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWT_KEY, "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----")))
                .isInstanceOf(InvalidSettingException.class).hasMessage("SSEHUB_JWT_KEY (--jwt-key): the PEM public key is neither an RSA, an EC nor an EdDSA key");
        assertThatThrownBy(() -> publisherVerifier(Map.of(Setting.JWKS_URL, "https://idp.example.com/certs", Setting.JWT_ALG, "HS256,HS512")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SSEHUB_JWT_ALG (--jwt-alg): a JWK set verifies public-key algorithms only, and none of HS256, HS512 is one");
    }
}
