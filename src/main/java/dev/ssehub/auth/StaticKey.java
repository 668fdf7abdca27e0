package dev.ssehub.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A key given in the settings, as a JWK: an HMAC secret, or an RSA, EC or Ed25519 public key in PEM. */
final class StaticKey {

    private static final Pattern PUBLIC_KEY_PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    /** The JDK's key factories, each of which refuses the encodings of the others. */
    private static final List<String> KEY_FACTORIES = List.of("RSA", "EC", "EdDSA");

    private StaticKey() {
    }

    /** The key in the text, which holds a PEM public key or is itself a secret; IllegalArgumentException says what is wrong. */
    static JWK parse(String text) {
        if (!text.contains("-----BEGIN")) {
            return new OctetSequenceKey.Builder(text.getBytes(StandardCharsets.UTF_8)).build();
        }
        return toJwk(publicKey(text));
    }

    private static PublicKey publicKey(String pem) {
        Matcher matcher = PUBLIC_KEY_PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a PEM-encoded public key (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM public key is not valid base64", e);
        }
        for (String algorithm : KEY_FACTORIES) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // the next factory may read it
            }
        }
        throw new IllegalArgumentException("the PEM public key is neither an RSA, an EC nor an EdDSA key");
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || SignatureAlgorithms.fitting(new ECKey.Builder(curve, ec).build()).isEmpty()) {
                throw new IllegalArgumentException("the EC public key is on a curve JWS does not sign with; use P-256, P-384 or P-521");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        if (key instanceof EdECPublicKey edwards) {
            return Ed25519Keys.toJwk(edwards);
        }
        throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
    }
}
