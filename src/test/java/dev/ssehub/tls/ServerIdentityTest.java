package dev.ssehub.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.tls.SelfSignedCertificate.KeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEM forms certificate tools write, read with the JDK alone; what cannot be used is refused by setting name. */
class ServerIdentityTest {

    @TempDir
    Path directory;

    @Test
    void readsPkcs8AndSec1EcKeys() throws Exception {
        Made made = make(KeyType.EC);
        assertThat(ServerIdentity.read(made.certificate(), made.pkcs8()).key()).isInstanceOf(ECPrivateKey.class);
        // SEC1 as openssl writes it names its curve in [0], which the key inside PKCS#8 leaves to the algorithm.
        byte[] curve = Der.wrap(Der.OBJECT_IDENTIFIER, new byte[] {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07});
        byte[] inner = inner(der(made.pkcs8()));
        Der.Value sequence = Der.read(inner, 0);
        Der.Value version = Der.read(inner, sequence.start());
        Der.Value secret = Der.read(inner, version.end());
        byte[] sec1 = Der.wrap(Der.SEQUENCE, java.util.Arrays.copyOfRange(inner, sequence.start(), secret.end()), Der.wrap(Der.CONTEXT_0, curve),
                java.util.Arrays.copyOfRange(inner, secret.end(), sequence.end()));
        byte[] pem = ("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + pem("EC PRIVATE KEY", sec1))
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(((ECPrivateKey) ServerIdentity.read(made.certificate(), pem).key()).getS())
                .isEqualTo(((ECPrivateKey) ServerIdentity.read(made.certificate(), made.pkcs8()).key()).getS());
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws IOException {
        Made made = make(KeyType.RSA);
        ServerIdentity identity = ServerIdentity.read(made.certificate(), made.pkcs8());
        assertThat(identity.key()).isInstanceOf(RSAPrivateKey.class);
        byte[] pkcs1 = pem("RSA PRIVATE KEY", inner(der(made.pkcs8()))).getBytes(StandardCharsets.US_ASCII);
        assertThat(ServerIdentity.read(made.certificate(), pkcs1).key()).isEqualTo(identity.key());
        assertThat(identity.isSelfSigned()).isTrue();
    }

    @Test
    void aChainKeepsItsOrder() throws IOException {
        Made first = make(KeyType.EC);
        Made second = make(KeyType.RSA);
        byte[] chain = (new String(first.certificate(), StandardCharsets.US_ASCII) + new String(second.certificate(), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        ServerIdentity identity = ServerIdentity.read(chain, first.pkcs8());
        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.certificate()).isEqualTo(ServerIdentity.read(first.certificate(), first.pkcs8()).certificate());
    }

    @Test
    void whatCannotBeUsedIsRefusedNamingTheSettingAndNeverTheKey() throws IOException {
        Made one = make(KeyType.EC);
        Made other = make(KeyType.EC);
        assertThatThrownBy(() -> ServerIdentity.read(one.certificate(), other.pkcs8()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SSEHUB_TLS_KEY (--tls-key): the private key is not the key of the certificate in SSEHUB_TLS_CERT");
        assertThatThrownBy(() -> ServerIdentity.read("no certificate here".getBytes(StandardCharsets.US_ASCII), one.pkcs8()))
                .hasMessageStartingWith("SSEHUB_TLS_CERT (--tls-cert): the file holds no PEM certificate");
        assertThatThrownBy(() -> ServerIdentity.read(one.certificate(), one.certificate()))
                .hasMessageStartingWith("SSEHUB_TLS_KEY (--tls-key): the file holds no PEM private key");
        assertThatThrownBy(() -> ServerIdentity.read(one.certificate(), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}).getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("SSEHUB_TLS_KEY (--tls-key): the private key is encrypted");
        String key = new String(one.pkcs8(), StandardCharsets.US_ASCII);
        byte[] broken = key.replace(key.substring(40, 60), "AAAAAAAAAAAAAAAAAAAA").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ServerIdentity.read(one.certificate(), broken))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain(key.substring(28, 90)));
    }

    private record Made(byte[] certificate, byte[] pkcs8) {
    }

    private Made make(KeyType type) throws IOException {
        Path certificate = Files.createTempFile(directory, "cert", ".pem");
        Path key = Files.createTempFile(directory, "key", ".pem");
        Files.delete(certificate);
        Files.delete(key);
        SelfSignedCertificate.write(certificate, key, List.of("localhost"), type);
        return new Made(Files.readAllBytes(certificate), Files.readAllBytes(key));
    }

    /** The DER inside a PEM file's one block. */
    private static byte[] der(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(text.substring(text.indexOf("-----", 10) + 5, text.lastIndexOf("-----END")));
    }

    /** The key inside a PKCS#8 PrivateKeyInfo: PKCS#1 for RSA, SEC1 without its curve for EC. */
    private static byte[] inner(byte[] pkcs8) throws IOException {
        try {
            Der.Value info = Der.read(pkcs8, 0);
            Der.Value version = Der.read(pkcs8, info.start());
            Der.Value algorithm = Der.read(pkcs8, version.end());
            Der.Value key = Der.read(pkcs8, algorithm.end());
            return java.util.Arrays.copyOfRange(pkcs8, key.start(), key.end());
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new IOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
