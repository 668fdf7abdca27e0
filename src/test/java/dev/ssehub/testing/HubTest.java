package dev.ssehub.testing;

import dev.ssehub.HubApplication;
import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.hub.Hub;
import dev.ssehub.standalone.StandaloneServer;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * A hub on a free port, started fresh for each test, with a known HS256 key so tests can mint
 * tokens. Subclasses change settings by overriding {@link #settings(Map)}.
 *
 * <p>The same tests run against a hub elsewhere (the WAR on Open Liberty) when a subclass names
 * it with {@link #externalHub()}; that hub must be configured as {@link #settings(Map)} says.
 */
public abstract class HubTest extends JerseyTest {

    protected static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    protected static final String HUB_PATH = ".well-known/mercure";

    private HubApplication application;

    /** Adjusts the hub's settings for this test class. */
    protected void settings(Map<Setting, String> settings) {
    }

    /** How the hub writes event streams; the protocol tests run in every mode. */
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.NATIVE;
    }

    /**
     * The WAR on Open Liberty that the build starts for the integration tests. Without it the
     * test fails: an integration test that quietly ran nothing would prove nothing.
     */
    protected static URI libertyHub() {
        String uri = System.getProperty("ssehub.liberty.uri");
        if (uri == null) {
            throw new IllegalStateException("ssehub.liberty.uri is not set: run the integration tests with `make test`");
        }
        return URI.create(uri);
    }

    /** The base URI of a hub that runs elsewhere, or null to start one in this JVM. */
    protected URI externalHub() {
        return null;
    }

    @Override
    protected final Application configure() {
        if (externalHub() != null) {
            return new ResourceConfig();
        }
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.JWT_KEY, KEY);
        settings.put(Setting.HEARTBEAT, "30s");
        settings.put(Setting.DRAIN, "0");
        settings.put(Setting.STREAMS, streams().name());
        settings(settings);
        application = new HubApplication(Settings.from(settings));
        return StandaloneServer.resourceConfig(application);
    }

    @Override
    protected final TestContainerFactory getTestContainerFactory() {
        URI external = externalHub();
        return external == null ? new TunedGrizzlyTestContainerFactory() : new ExternalHubContainerFactory(external);
    }

    /** JerseyTest's own {@code setUp} is a JUnit 5 {@code @BeforeEach}; its {@code tearDown} is not, so it is called here. */
    @AfterEach
    void stopHub() throws Exception {
        if (application != null) {
            application.close();
        }
        super.tearDown();
    }

    /** The in-process hub, for checks only this JVM can make; empty when the hub runs elsewhere. */
    protected Optional<Hub> localHub() {
        return Optional.ofNullable(application).map(HubApplication::hub);
    }

    protected URI hubUri() {
        return getBaseUri().resolve(HUB_PATH);
    }

    protected static String token(List<String> publish, List<String> subscribe) {
        return new TokenIssuer(KEY).issue(publish, subscribe, Duration.ofHours(1));
    }

    protected static String publisherToken() {
        return token(List.of("*"), List.of());
    }

    /**
     * A raw connection that asks for the topic's stream and reads nothing, with a small receive
     * buffer so that what the hub sends it backs up soon.
     */
    protected Socket subscribeWithoutReading(String topic) throws IOException {
        Socket socket = new Socket(getBaseUri().getHost(), getBaseUri().getPort());
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /" + HUB_PATH + "?topic=" + topic + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Publishes with a token allowed to publish anywhere; returns the response. */
    protected Response publish(Form form) {
        return target(HUB_PATH).request()
                .header("Authorization", "Bearer " + publisherToken())
                .post(Entity.form(form));
    }

    /** Publishes and returns the update's id, failing the test on any other answer than 200. */
    protected String publishOk(Form form) {
        try (Response response = publish(form)) {
            String body = response.readEntity(String.class);
            if (response.getStatus() != 200) {
                throw new AssertionError("publish answered " + response.getStatus() + ": " + body);
            }
            return body;
        }
    }

    protected String publishOk(String topic, String data) {
        return publishOk(new Form().param("topic", topic).param("data", data));
    }
}
