package dev.ssehub.tls;

import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTPS server's certificate chain and the private key of its first certificate, read from PEM
 * with the JDK alone: a chain of {@code CERTIFICATE} blocks, and a key as PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), as openssl, certbot and
 * cert-manager write them. Whatever is wrong is an {@link InvalidSettingException} naming the file's
 * setting, and never quotes the key.
 */
public record ServerIdentity(List<X509Certificate> chain, PrivateKey key) {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** rsaEncryption (PKCS#1) and id-ecPublicKey (RFC 5480), as DER object identifiers. */
    private static final byte[] RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    public ServerIdentity {
        chain = List.copyOf(chain);
    }

    /** The certificate the server presents: the chain's first. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Whether the certificate signed itself, which browsers trust only once told to. */
    public boolean isSelfSigned() {
        return certificate().getSubjectX500Principal().equals(certificate().getIssuerX500Principal());
    }

    /** Reads the chain and the key from the two files' contents, and checks that they belong together. */
    public static ServerIdentity read(byte[] certificatePem, byte[] keyPem) {
        List<X509Certificate> chain = certificates(new String(certificatePem, StandardCharsets.US_ASCII));
        PrivateKey key = privateKey(new String(keyPem, StandardCharsets.US_ASCII));
        if (!belongTogether(chain.get(0), key)) {
            throw new InvalidSettingException(Setting.TLS_KEY, "the private key is not the key of the certificate in SSEHUB_TLS_CERT");
        }
        return new ServerIdentity(chain, key);
    }

    private static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher block = BLOCK.matcher(pem);
            while (block.find()) {
                if (block.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(Setting.TLS_CERT, block.group(2)))));
                }
            }
        } catch (CertificateException e) {
            throw new InvalidSettingException(Setting.TLS_CERT, "a certificate cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new InvalidSettingException(Setting.TLS_CERT, "the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(String pem) {
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            String type = block.group(1);
            try {
                switch (type) {
                    case "PRIVATE KEY":
                        return pkcs8(decode(Setting.TLS_KEY, block.group(2)));
                    case "RSA PRIVATE KEY":
                        return pkcs8(Der.wrap(Der.SEQUENCE, Der.wrap(Der.INTEGER, new byte[] {0}),
                                Der.wrap(Der.SEQUENCE, Der.wrap(Der.OBJECT_IDENTIFIER, RSA_ENCRYPTION), Der.wrap(Der.NULL)),
                                Der.wrap(Der.OCTET_STRING, decode(Setting.TLS_KEY, block.group(2)))));
                    case "EC PRIVATE KEY":
                        byte[] sec1 = decode(Setting.TLS_KEY, block.group(2));
                        return pkcs8(Der.wrap(Der.SEQUENCE, Der.wrap(Der.INTEGER, new byte[] {0}),
                                Der.wrap(Der.SEQUENCE, Der.wrap(Der.OBJECT_IDENTIFIER, EC_PUBLIC_KEY), curve(sec1)),
                                Der.wrap(Der.OCTET_STRING, sec1)));
                    case "ENCRYPTED PRIVATE KEY":
                        throw new InvalidSettingException(Setting.TLS_KEY,
                                "the private key is encrypted; give it unencrypted (openssl pkey -in encrypted.pem -out key.pem) and keep the file private");
                    default:
                        // Other blocks, such as EC PARAMETERS before an EC key, are not the key.
                }
            } catch (GeneralSecurityException e) {
                throw new InvalidSettingException(Setting.TLS_KEY, "the " + type + " cannot be read: " + e.getMessage());
            }
        }
        throw new InvalidSettingException(Setting.TLS_KEY, "the file holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /** An RSA or EC key from its PKCS#8 encoding. */
    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // Try the next.
            }
        }
        throw new InvalidKeySpecException("it is neither an RSA nor an EC key");
    }

    /** The named curve of a SEC1 key: the object identifier in its optional [0]; a key without one names none. */
    private static byte[] curve(byte[] sec1) throws InvalidKeySpecException {
        Der.Value key = Der.read(sec1, 0);
        int at = key.start();
        while (at < key.end()) {
            Der.Value field = Der.read(sec1, at);
            if (field.tag() == Der.CONTEXT_0) {
                Der.Value curve = Der.read(sec1, field.start());
                if (curve.tag() == Der.OBJECT_IDENTIFIER) {
                    return Der.encoding(sec1, field.start(), curve);
                }
            }
            at = field.end();
        }
        throw new InvalidKeySpecException("the EC key names no curve");
    }

    private static byte[] decode(Setting setting, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "a PEM block is not base64");
        }
    }

    /** A signature made with the key verifies with the certificate's public key. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = "ssehub".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
