package dev.ssehub.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Converts Ed25519 public keys between the JWK form (RFC 8037: the 32 raw bytes as {@code x}) and
 * the JDK's, whose X.509 encoding is those 32 bytes behind a fixed 12-byte header (RFC 8410).
 * Nimbus verifies Ed25519 only through Tink; the JDK has had Ed25519 since Java 15.
 */
final class Ed25519Keys {

    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int KEY_BYTES = 32;

    private Ed25519Keys() {
    }

    static OctetKeyPair toJwk(EdECPublicKey key) {
        if (!NamedParameterSpec.ED25519.getName().equalsIgnoreCase(key.getParams().getName())) {
            throw new IllegalArgumentException("only Ed25519 EdDSA keys are supported, not " + key.getParams().getName());
        }
        byte[] encoded = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build();
    }

    /** The JDK key of an Ed25519 JWK; a JWK of another curve or with a malformed {@code x} is refused. */
    static EdECPublicKey toPublicKey(OctetKeyPair jwk) throws GeneralSecurityException {
        byte[] raw = jwk.getX().decode();
        if (!Curve.Ed25519.equals(jwk.getCurve()) || raw.length != KEY_BYTES) {
            throw new GeneralSecurityException("not an Ed25519 public key");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_BYTES);
        return (EdECPublicKey) KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
