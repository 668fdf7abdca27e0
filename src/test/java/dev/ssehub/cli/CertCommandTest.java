package dev.ssehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.tls.ServerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssehub cert}, which {@code make run} calls on first start: a certificate for localhost, and how to trust it. */
class CertCommandTest {

    @Test
    void writesAUsableCertificateForLocalhostAndSaysHowToTrustIt(@TempDir Path directory) throws Exception {
        Path certificate = directory.resolve("tls/localhost.pem");
        Path key = directory.resolve("tls/localhost-key.pem");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"cert", "--cert", certificate.toString(), "--key", key.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        ServerIdentity identity = ServerIdentity.read(Files.readAllBytes(certificate), Files.readAllBytes(key));
        assertThat(identity.isSelfSigned()).isTrue();
        assertThat(identity.certificate().getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()))
                .contains("localhost", "127.0.0.1");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "curl --cacert " + certificate + " https://localhost:8443/", "certutil", "update-ca-certificates");
    }

    @Test
    void neverOverwritesACertificate(@TempDir Path directory) throws Exception {
        Path certificate = Files.writeString(directory.resolve("cert.pem"), "an operator's certificate");
        Path key = directory.resolve("key.pem");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"cert", "--cert", certificate.toString(), "--key", key.toString()}, Map.of(),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(Cli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(certificate + " exists");
        assertThat(Files.readString(certificate)).isEqualTo("an operator's certificate");
        assertThat(Files.exists(key)).isFalse();
    }
}
