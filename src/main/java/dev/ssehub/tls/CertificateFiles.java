package dev.ssehub.tls;

import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS certificate and key, read from their PEM files at start and read again whenever either
 * file changes, so that a certificate renewed on disk (certbot, cert-manager) is served without a
 * restart. The files are compared by content every few seconds rather than watched: a Kubernetes
 * secret is renewed by swapping a symbolic link, which file watches do not report. A new pair that
 * cannot be used (half written, a key that is not the certificate's) keeps the last good one in
 * service and is logged once; so is every identity put in service.
 */
public final class CertificateFiles implements AutoCloseable {

    /** How often the files are compared with what is served: renewals come weeks before expiry, a read is a few KiB. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(CertificateFiles.class.getName());

    private final TlsFiles files;
    private final RenewableKeyManager keys;
    private final SSLContext context;
    private final ScheduledExecutorService checks;
    private volatile ServerIdentity identity;
    /** The contents last put in service, and the last refused: each is acted on once. */
    private byte[][] served;
    private byte[][] refused;

    private CertificateFiles(TlsFiles files, byte[][] contents, ServerIdentity identity) {
        this.files = files;
        this.identity = identity;
        this.served = contents;
        this.keys = new RenewableKeyManager(identity);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
        checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ssehub-tls-files");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the pair and starts checking it for renewals; a pair that cannot be used stops the start, naming the setting. */
    public static CertificateFiles open(TlsFiles files) {
        byte[][] contents = read(files);
        ServerIdentity identity = ServerIdentity.read(contents[0], contents[1]);
        logLoaded(files, identity);
        return new CertificateFiles(files, contents, identity);
    }

    /** The server side of TLS, serving whichever identity is current. */
    public SSLContext sslContext() {
        return context;
    }

    /** The identity in service now. */
    public ServerIdentity identity() {
        return identity;
    }

    private synchronized void check() {
        byte[][] contents;
        try {
            contents = read(files);
        } catch (InvalidSettingException e) {
            refuse(new byte[][] {new byte[0], new byte[0]}, e.getMessage());
            return;
        }
        if (same(contents, served) || same(contents, refused)) {
            return;
        }
        try {
            ServerIdentity renewed = ServerIdentity.read(contents[0], contents[1]);
            keys.use(renewed);
            identity = renewed;
            served = contents;
            refused = null;
            logLoaded(files, renewed);
        } catch (InvalidSettingException e) {
            refuse(contents, e.getMessage());
        }
    }

    private void refuse(byte[][] contents, String why) {
        if (same(contents, refused)) {
            return;
        }
        refused = contents;
        X509Certificate kept = identity.certificate();
        LOG.warning("event=tls_certificate_refused cert=" + files.certificate() + " key=" + files.key() + " kept_serial="
                + kept.getSerialNumber().toString(16) + " error=\"" + why + "\"");
    }

    private static boolean same(byte[][] contents, byte[][] other) {
        return other != null && Arrays.equals(contents[0], other[0]) && Arrays.equals(contents[1], other[1]);
    }

    private static byte[][] read(TlsFiles files) {
        return new byte[][] {read(Setting.TLS_CERT, files.certificate()), read(Setting.TLS_KEY, files.key())};
    }

    private static byte[] read(Setting setting, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidSettingException(setting, "cannot read '" + file + "': " + e.getMessage());
        }
    }

    private static void logLoaded(TlsFiles files, ServerIdentity identity) {
        X509Certificate certificate = identity.certificate();
        LOG.info("event=tls_certificate_loaded cert=" + files.certificate() + " subject=\"" + certificate.getSubjectX500Principal().getName()
                + "\" serial=" + certificate.getSerialNumber().toString(16) + " not_after=" + certificate.getNotAfter().toInstant()
                + " chain=" + identity.chain().size() + " key=" + identity.key().getAlgorithm());
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
