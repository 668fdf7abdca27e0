package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ssehub.config.Settings.JwtAlgorithm;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which JWS algorithms a key verifies. A token is checked only against keys whose type fits its
 * {@code alg}, so an HMAC token is never checked with a public key's bytes, nor an ES256 token
 * with a P-384 key.
 */
final class SignatureAlgorithms {

    /** What a public key from a PEM file or a JWK set can verify; a JWK set never holds secrets. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private static final Set<JWSAlgorithm> RSA = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private SignatureAlgorithms() {
    }

    /** The algorithms named in the settings; none named means every one the hub knows. */
    static Set<JWSAlgorithm> accepted(Set<JwtAlgorithm> named) {
        Collection<JwtAlgorithm> algorithms = named.isEmpty() ? Set.of(JwtAlgorithm.values()) : named;
        return algorithms.stream().map(algorithm -> JWSAlgorithm.parse(algorithm.name())).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What the key verifies: HS256, HS384 and HS512 with a secret at least as long as the hash
     * (RFC 7518, section 3.2), every RSA algorithm with an RSA key, the one ECDSA algorithm of an
     * EC key's curve, and EdDSA with an Ed25519 key.
     */
    static Set<JWSAlgorithm> fitting(JWK key) {
        if (key instanceof OctetSequenceKey secret) {
            int bytes = secret.toByteArray().length;
            Set<JWSAlgorithm> hmac = new LinkedHashSet<>();
            if (bytes >= 32) {
                hmac.add(JWSAlgorithm.HS256);
            }
            if (bytes >= 48) {
                hmac.add(JWSAlgorithm.HS384);
            }
            if (bytes >= 64) {
                hmac.add(JWSAlgorithm.HS512);
            }
            return hmac;
        }
        if (key instanceof RSAKey) {
            return RSA;
        }
        if (key instanceof ECKey ec) {
            return ecdsa(ec.getCurve());
        }
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }
        return Set.of();
    }

    private static Set<JWSAlgorithm> ecdsa(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return Set.of(JWSAlgorithm.ES256);
        }
        if (Curve.P_384.equals(curve)) {
            return Set.of(JWSAlgorithm.ES384);
        }
        if (Curve.P_521.equals(curve)) {
            return Set.of(JWSAlgorithm.ES512);
        }
        return Set.of();
    }

    static String names(Collection<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "));
    }
}
