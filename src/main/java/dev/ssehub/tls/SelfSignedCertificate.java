package dev.ssehub.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for trying HTTPS on one's own machine, written as the two PEM files the
 * hub reads. The JDK's {@code keytool} makes the key pair and signs the certificate (the JDK has no
 * public API for that, and keytool's certificates are what Java servers have shipped for years); it
 * writes only a key store, so the key and certificate are then copied out of it as PEM. The key is
 * EC P-256 (the fastest handshakes, accepted by every browser) or RSA 2048 for older clients.
 */
public final class SelfSignedCertificate {

    /** Browsers refuse longer-lived server certificates even from roots a user added. */
    public static final int VALIDITY_DAYS = 397;
    private static final String ALIAS = "ssehub";
    private static final long KEYTOOL_SECONDS = 60;

    /** The kinds of key a certificate can be made with, and how keytool makes each. */
    public enum KeyType {
        EC("-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA"),
        RSA("-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");

        private final List<String> keytoolOptions;

        KeyType(String... keytoolOptions) {
            this.keytoolOptions = List.of(keytoolOptions);
        }
    }

    private SelfSignedCertificate() {
    }

    /**
     * Writes a certificate for these host names and IP addresses (the first is its subject) and its
     * key, which only the owner may read.
     */
    public static ServerIdentity write(Path certificate, Path key, List<String> hosts, KeyType type) throws IOException {
        Path work = Files.createTempDirectory("ssehub-certificate");
        Path store = work.resolve("store.p12");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            keytool(store, password, hosts, type);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            PrivateKey privateKey = (PrivateKey) keyStore.getKey(ALIAS, password.toCharArray());
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate link : keyStore.getCertificateChain(ALIAS)) {
                chain.add((X509Certificate) link);
            }
            writePrivately(key, pem("PRIVATE KEY", privateKey.getEncoded()));
            Files.writeString(certificate, pem("CERTIFICATE", chain.get(0).getEncoded()), StandardCharsets.US_ASCII);
            return new ServerIdentity(chain, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("keytool's key store cannot be read: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(work);
        }
    }

    /** How to make clients trust a self-signed certificate in this file, one line per client. */
    public static List<String> trustHints(Path certificate, String url) {
        return List.of(
                "curl:            curl --cacert " + certificate + " " + url,
                "Chromium/Chrome: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n ssehub-localhost -i " + certificate + " (Debian: libnss3-tools), then restart it",
                "Firefox:         Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import " + certificate,
                "Debian system:   cp " + certificate + " /usr/local/share/ca-certificates/ssehub-localhost.crt && update-ca-certificates");
    }

    private static void keytool(Path store, String password, List<String> hosts, KeyType type) throws IOException {
        List<String> names = new ArrayList<>();
        for (String host : hosts) {
            names.add((host.matches("[0-9.]+") || host.contains(":") ? "ip:" : "dns:") + host);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS));
        command.addAll(type.keytoolOptions);
        command.addAll(List.of("-dname", "CN=" + hosts.get(0), "-validity", Integer.toString(VALIDITY_DAYS),
                "-ext", "SAN=" + String.join(",", names), "-ext", "EKU=serverAuth",
                "-ext", "KU=" + (type == KeyType.RSA ? "digitalSignature,keyEncipherment" : "digitalSignature"),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass:env", "SSEHUB_KEYSTORE_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // On the command line the password would show in the process list.
        builder.environment().put("SSEHUB_KEYSTORE_PASSWORD", password);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!keytool.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keytool.destroyForcibly();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static void writePrivately(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
