package dev.ssehub.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JWK set served over HTTP by the JDK's own server on a loopback port. It stands in for an
 * identity provider where a test must count the requests it gets, or take it down and bring it back;
 * the tests against a real provider are {@code KeycloakTest}'s.
 */
public final class JwksEndpoint implements AutoCloseable {

    private static final String PATH = "/certs";

    private final int port;
    private final List<Long> readsAt = new CopyOnWriteArrayList<>();
    private volatile String body = new JWKSet().toString();
    private HttpServer server;

    private JwksEndpoint(int port) {
        this.port = port;
    }

    /** An endpoint on a free port serving the public halves of the keys. */
    public static JwksEndpoint serving(JWK... keys) throws IOException {
        JwksEndpoint endpoint = new JwksEndpoint(0);
        endpoint.publish(keys);
        endpoint.start();
        return endpoint;
    }

    /** From now on, serves the public halves of these keys. */
    public void publish(JWK... keys) {
        body = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** The URL to give the hub, with a query that must never be logged. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH + "?client_secret=do-not-log-me");
    }

    /** How many times the set was read. */
    public int reads() {
        return readsAt.size();
    }

    /** When each read arrived, in {@link System#nanoTime()} nanoseconds. */
    public List<Long> readTimes() {
        return List.copyOf(readsAt);
    }

    /** Takes the provider down: connections are refused until {@link #start()}. */
    public void stop() {
        server.stop(0);
    }

    /** Serves (again) on the same port. */
    public void start() throws IOException {
        int bound = server == null ? port : server.getAddress().getPort();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bound), 0);
        server.createContext(PATH, exchange -> {
            readsAt.add(System.nanoTime());
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
