package dev.ssehub.standalone;

import dev.ssehub.HubApplication;
import dev.ssehub.config.Settings;
import dev.ssehub.grizzly.IgnoreCleartextHttp2Upgrade;
import dev.ssehub.grizzly.MalformedRequestGuard;
import dev.ssehub.grizzly.NativeEventStreams;
import dev.ssehub.grizzly.RequestLineGuard;
import dev.ssehub.grizzly.UnframedBodyGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The hub on Grizzly and Jersey: the only place that knows either of them. */
public final class StandaloneServer implements AutoCloseable {

    /** Room for a request line with 1000 topic selectors; Grizzly's default is 8 KiB. */
    private static final int MAX_HEADER_BYTES = 256 * 1024;
    private static final String APPLICATION = HubApplication.class.getName();
    /** How long a write to a client that stopped reading may block before the connection is dropped. */
    private static final int WRITE_TIMEOUT_SECONDS = 10;
    /**
     * Grizzly's worker threads, which serve requests. A publish on the file log or on Redis waits on
     * one for its force or its round trip, and only the publishes waiting at once share those:
     * Grizzly's default of two per core let four at a time share a force, however many publishers
     * there were. An idle worker costs its stack.
     */
    private static final int WORKER_THREADS = 64;

    /**
     * Jersey warns that every resource instance from {@code Application.getSingletons()} "will be
     * ignored" as a provider, although it serves it as a resource; held here so the level sticks.
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    }

    private final HttpServer server;
    private final HubApplication application;

    private StandaloneServer(HttpServer server, HubApplication application) {
        this.server = server;
        this.application = application;
    }

    public static StandaloneServer start(Settings settings) {
        HubApplication application = new HubApplication(settings);
        HttpServer server = create(URI.create("http://" + settings.host() + ":" + settings.port() + "/"), resourceConfig(application));
        try {
            server.start();
        } catch (IOException e) {
            application.close();
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return new StandaloneServer(server, application);
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
        HubApplication application = (HubApplication) config.getProperty(APPLICATION);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, config, false);
        for (NetworkListener listener : server.getListeners()) {
            listener.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
            listener.getTransport().setWriteTimeout(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
                    .setPoolName("grizzly-http-server").setCorePoolSize(WORKER_THREADS).setMaxPoolSize(WORKER_THREADS));
            if (application.settings().streams() == Settings.StreamMode.NATIVE) {
                // First, so that the guards added after it sit between the codec and the takeover.
                listener.registerAddOn(new NativeEventStreams(application.streams()));
            }
            listener.registerAddOn(new RequestLineGuard());
            listener.registerAddOn(new IgnoreCleartextHttp2Upgrade());
            listener.registerAddOn(new UnframedBodyGuard());
        }
        ServerConfiguration configuration = server.getServerConfiguration();
        // Grizzly otherwise ignores the Content-Length of a GET, HEAD or DELETE and reads its body as the next request.
        configuration.setAllowPayloadForUndefinedHttpMethods(true);
        for (Map.Entry<HttpHandler, HttpHandlerRegistration[]> handler : Map.copyOf(configuration.getHttpHandlersWithMapping()).entrySet()) {
            configuration.removeHttpHandler(handler.getKey());
            configuration.addHttpHandler(new MalformedRequestGuard(handler.getKey()), handler.getValue());
        }
        return server;
    }

    public int port() {
        return server.getListeners().iterator().next().getPort();
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
    }
}
