package dev.ssehub.cli;

import dev.ssehub.tls.SelfSignedCertificate;
import dev.ssehub.tls.ServerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssehub cert}: a self-signed certificate and its key, to try HTTPS and HTTP/2 on one's own machine. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Write a self-signed certificate and its private key as PEM files, for SSEHUB_TLS_CERT and SSEHUB_TLS_KEY.")
final class CertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cert", paramLabel = "<file>", required = true, description = "where to write the certificate")
    Path certificate;

    @Option(names = "--key", paramLabel = "<file>", required = true, description = "where to write its private key (readable by its owner only)")
    Path key;

    @Option(names = "--host", paramLabel = "<name>", split = ",", defaultValue = "localhost,127.0.0.1,::1",
            description = "host names and IP addresses it is for, the first its subject (default: ${DEFAULT-VALUE})")
    List<String> hosts;

    @Option(names = "--key-type", paramLabel = "<type>", defaultValue = "EC", description = "EC (P-256) or RSA (2048 bits) (default: ${DEFAULT-VALUE})")
    SelfSignedCertificate.KeyType keyType;

    @Option(names = "--https-port", paramLabel = "<port>", defaultValue = "8443", description = "the HTTPS port the hints name (default: ${DEFAULT-VALUE})")
    int httpsPort;

    @Override
    public Integer call() throws IOException {
        for (Path file : List.of(certificate, key)) {
            if (Files.exists(file)) {
                spec.commandLine().getErr().println("ssehub: " + file + " exists; delete it first to make a new certificate");
                return Cli.EXIT_USAGE;
            }
        }
        Path directory = certificate.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Files.createDirectories(key.toAbsolutePath().getParent());
        ServerIdentity identity = SelfSignedCertificate.write(certificate, key, hosts, keyType);
        var out = spec.commandLine().getOut();
        out.println("Wrote a self-signed certificate for " + String.join(", ", hosts) + ", valid until "
                + identity.certificate().getNotAfter().toInstant() + ", to " + certificate + " and its key to " + key + ".");
        out.println("Browsers warn about it until told to trust it:");
        SelfSignedCertificate.trustHints(certificate, "https://" + hosts.get(0) + ":" + httpsPort + "/").forEach(hint -> out.println("  " + hint));
        return Cli.EXIT_OK;
    }
}
