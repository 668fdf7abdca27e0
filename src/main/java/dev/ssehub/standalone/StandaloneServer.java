package dev.ssehub.standalone;

import dev.ssehub.HubApplication;
import dev.ssehub.config.Settings;
import dev.ssehub.grizzly.HandshakeDeadline;
import dev.ssehub.grizzly.IgnoreCleartextHttp2Upgrade;
import dev.ssehub.grizzly.MalformedRequestGuard;
import dev.ssehub.grizzly.NativeEventStreams;
import dev.ssehub.grizzly.PlainHttpOnTlsPort;
import dev.ssehub.grizzly.RequestLineGuard;
import dev.ssehub.grizzly.UnframedBodyGuard;
import dev.ssehub.grizzly.WorkerPoolExecutor;
import dev.ssehub.hub.Hub;
import dev.ssehub.tls.CertificateFiles;
import dev.ssehub.tls.ServerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.grizzly.http2.Http2AddOn;
import org.glassfish.grizzly.http2.Http2Configuration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The hub on Grizzly and Jersey: the only place that knows either of them. */
public final class StandaloneServer implements AutoCloseable {

    /** Room for a request line with 1000 topic selectors; Grizzly's default is 8 KiB. */
    private static final int MAX_HEADER_BYTES = 256 * 1024;
    private static final String APPLICATION = HubApplication.class.getName();
    /**
     * How long a blocking write to a client that stopped reading may wait before the connection is
     * dropped: well past the hub's own stall limit, so that the hub cuts such a stream off first,
     * with its reconnect notice.
     */
    private static final Duration WRITE_TIMEOUT = Hub.STALL_LIMIT.multipliedBy(2);
    /**
     * What Grizzly queues for one connection before a blocking write waits; by default four times
     * the socket's send buffer, megabytes on loopback. With {@code SseEventSink} streams this bound
     * makes a send wait while its client does not read, so that the hub's queue bound and stall
     * limit hold; the native streams track their writes themselves.
     */
    private static final int JAXRS_MAX_PENDING_BYTES = 256 * 1024;
    /**
     * Grizzly's worker threads, which serve requests. A publish on the file log or on Redis waits on
     * one for its force or its round trip, and only the publishes waiting at once share those:
     * Grizzly's default of two per core let four at a time share a force, however many publishers
     * there were. An idle worker costs its stack.
     */
    private static final int WORKER_THREADS = 64;
    private static final String HTTPS_LISTENER = "https";
    /** TLS 1.2 for the clients that still need it; HTTP/2 requires at least that. */
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Jersey warns that every resource instance from {@code Application.getSingletons()} "will be
     * ignored" as a provider, although it serves it as a resource; held here so the level sticks.
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    /**
     * Grizzly's HTTP/2 session logs a stack trace at WARNING whenever a client closes its connection
     * before the server's GOAWAY went out: a client leaving is no warning.
     */
    private static final Logger HTTP2_SESSIONS = Logger.getLogger("org.glassfish.grizzly.http2.Http2Session");

    static {
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
        HTTP2_SESSIONS.setLevel(Level.SEVERE);
    }

    private final HttpServer server;
    private final HubApplication application;
    private final Optional<CertificateFiles> certificates;

    private StandaloneServer(HttpServer server, HubApplication application, Optional<CertificateFiles> certificates) {
        this.server = server;
        this.application = application;
        this.certificates = certificates;
    }

    /**
     * Starts the hub on the ports its settings name: cleartext HTTP unless {@code SSEHUB_PORT} is 0,
     * and HTTPS when a certificate is set. A certificate that cannot be used stops the start with an
     * {@link dev.ssehub.config.InvalidSettingException} naming its setting.
     */
    public static StandaloneServer start(Settings settings) {
        HubApplication application = new HubApplication(settings);
        Optional<CertificateFiles> certificates;
        try {
            certificates = settings.tls().map(CertificateFiles::open);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        URI first = settings.cleartext() ? URI.create("http://" + settings.host() + ":" + settings.port() + "/")
                : URI.create("https://" + settings.host() + ":" + settings.httpsPort() + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(first, resourceConfig(application), false);
        certificates.ifPresent(files -> {
            NetworkListener https = settings.cleartext() ? new NetworkListener(HTTPS_LISTENER, settings.host(), settings.httpsPort())
                    : server.getListeners().iterator().next();
            https.setSecure(true);
            https.setSSLEngineConfig(new SSLEngineConfigurator(files.sslContext(), false, false, false).setEnabledProtocols(TLS_PROTOCOLS));
            if (settings.cleartext()) {
                server.addListener(https);
            }
        });
        configure(server, application);
        try {
            server.start();
        } catch (IOException e) {
            application.close();
            certificates.ifPresent(CertificateFiles::close);
            throw new UncheckedIOException("cannot listen on " + settings.host() + " port " + settings.port()
                    + (certificates.isPresent() ? " or " + settings.httpsPort() : "") + ": " + e.getMessage(), e);
        }
        return new StandaloneServer(server, application, certificates);
    }

    /**
     * The Jersey configuration of the hub; shared with tests that run it in Jersey's test framework.
     * It carries the application, so that {@link #create} can give Grizzly the hub's stream endpoint.
     */
    public static ResourceConfig resourceConfig(HubApplication application) {
        return ResourceConfig.forApplication(application)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(APPLICATION, application);
    }

    /**
     * A Grizzly server tuned for long-lived event streams, not yet started. Unless the hub is set to
     * write streams through JAX-RS, Grizzly serves them itself ({@link NativeEventStreams}).
     */
    public static HttpServer create(URI uri, ResourceConfig config) {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, config, false);
        configure(server, (HubApplication) config.getProperty(APPLICATION));
        return server;
    }

    /**
     * Tunes every listener the server has, and sets the hub's guards on each; a TLS listener gets
     * HTTP/2 (ALPN {@code h2}, else {@code http/1.1}) and the guards TLS needs. Listeners added after
     * this are not tuned.
     */
    private static void configure(HttpServer server, HubApplication application) {
        for (NetworkListener listener : server.getListeners()) {
            listener.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
            listener.getTransport().setWriteTimeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
                    .setPoolName("grizzly-http-server").setCorePoolSize(WORKER_THREADS).setMaxPoolSize(WORKER_THREADS));
            switch (application.settings().streams()) {
                // First, so that the guards added after it sit between the codec and the takeover.
                case NATIVE -> listener.registerAddOn(new NativeEventStreams(application.streams()));
                case JAXRS -> listener.getTransport().getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(JAXRS_MAX_PENDING_BYTES);
            }
            listener.registerAddOn(new RequestLineGuard());
            listener.registerAddOn(new IgnoreCleartextHttp2Upgrade());
            listener.registerAddOn(new UnframedBodyGuard());
            if (listener.isSecure()) {
                listener.registerAddOn(new PlainHttpOnTlsPort());
                listener.registerAddOn(new HandshakeDeadline());
                // Last, so that its filter sits right after the codec, before the guards: its streams pass them.
                listener.registerAddOn(new Http2AddOn(Http2Configuration.builder()
                        .maxHeaderListSize(MAX_HEADER_BYTES)
                        .enablePush(false)
                        .executorService(new WorkerPoolExecutor(listener.getTransport()))
                        .build()));
            }
        }
        ServerConfiguration configuration = server.getServerConfiguration();
        // Grizzly otherwise ignores the Content-Length of a GET, HEAD or DELETE and reads its body as the next request.
        configuration.setAllowPayloadForUndefinedHttpMethods(true);
        for (Map.Entry<HttpHandler, HttpHandlerRegistration[]> handler : Map.copyOf(configuration.getHttpHandlersWithMapping()).entrySet()) {
            configuration.removeHttpHandler(handler.getKey());
            configuration.addHttpHandler(new MalformedRequestGuard(handler.getKey()), handler.getValue());
        }
    }

    /** The cleartext HTTP port the hub listens on; there is none when {@code SSEHUB_PORT} is 0. */
    public int port() {
        return listener(false).getPort();
    }

    /** The HTTPS port the hub listens on; there is none without a certificate. */
    public int httpsPort() {
        return listener(true).getPort();
    }

    private NetworkListener listener(boolean secure) {
        return server.getListeners().stream().filter(listener -> listener.isSecure() == secure).findFirst()
                .orElseThrow(() -> new IllegalStateException("the hub serves no " + (secure ? "HTTPS" : "cleartext HTTP")));
    }

    /** The certificate served on HTTPS now, if the hub serves HTTPS. */
    public Optional<ServerIdentity> tlsIdentity() {
        return certificates.map(CertificateFiles::identity);
    }

    public HubApplication application() {
        return application;
    }

    /** Closes the hub (its streams end with a reconnect hint), then lets in-flight requests finish. */
    @Override
    public void close() {
        application.close();
        try {
            server.shutdown(2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.shutdownNow();
        }
        certificates.ifPresent(CertificateFiles::close);
    }
}
