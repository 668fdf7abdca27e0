package dev.ssehub.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real keys for the tests, made with Nimbus and the JDK, and tokens signed with them by Nimbus's
 * signers (Ed25519 through Tink, as Nimbus does it).
 */
public final class TestKeys {

    /** The JDK's public keys of the Ed25519 and Ed448 keys made here, by their {@code x}, for their PEM. */
    private static final Map<Base64URL, PublicKey> EDWARDS_PUBLIC_KEYS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key made by the JDK. */
    public static OctetKeyPair ed25519(String kid) {
        return okp(generate("Ed25519"), Curve.Ed25519, kid);
    }

    /** An Ed448 key: EdDSA, but a curve the hub does not verify. */
    public static OctetKeyPair ed448(String kid) {
        return okp(generate("Ed448"), Curve.Ed448, kid);
    }

    /** The public half in PEM, as an operator would paste it into SSEHUB_JWT_KEY. */
    public static String pem(JWK key) {
        try {
            PublicKey publicKey = key instanceof OctetKeyPair okp ? EDWARDS_PUBLIC_KEYS.get(okp.getX()) : ((AsymmetricJWK) key).toPublicKey();
            return pem(publicKey);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Claims that grant the given selectors, valid for an hour. */
    public static JWTClaimsSet grants(List<String> publish, List<String> subscribe) {
        return new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", publish, "subscribe", subscribe))
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                .build();
    }

    /** The claims signed with the key, naming its kid (if it has one) in the header. */
    public static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        return new MACSigner((OctetSequenceKey) key);
    }

    private static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 8037's JWK of a JDK key pair: the raw public key ends its X.509 encoding (RFC 8410). */
    private static OctetKeyPair okp(KeyPair pair, Curve curve, String kid) {
        byte[] encoded = pair.getPublic().getEncoded();
        int length = curve == Curve.Ed25519 ? 32 : 57;
        byte[] x = Arrays.copyOfRange(encoded, encoded.length - length, encoded.length);
        byte[] d = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        EDWARDS_PUBLIC_KEYS.put(Base64URL.encode(x), pair.getPublic());
        return new OctetKeyPair.Builder(curve, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid).build();
    }
}
