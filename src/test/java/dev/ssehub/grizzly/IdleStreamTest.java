package dev.ssehub.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.HubApplication;
import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.junit.jupiter.api.Test;

/**
 * Grizzly closes a connection that carries nothing for its keep-alive idle timeout: a stream that
 * stays quiet longer than that, between heartbeats far apart, must stay open all the same.
 */
class IdleStreamTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final int IDLE_TIMEOUT_SECONDS = 1;

    /** How the hub writes event streams; the launcher's idle timeout applies to both. */
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.NATIVE;
    }

    @Test
    void aQuietStreamOutlivesGrizzlysIdleTimeout() throws Exception {
        HubApplication application = new HubApplication(Settings.from(Map.of(Setting.JWT_KEY, KEY, Setting.HEARTBEAT, "1h", Setting.DRAIN, "0",
                Setting.STREAMS, streams().name())));
        HttpServer server = StandaloneServer.create(URI.create("http://127.0.0.1:0/"), StandaloneServer.resourceConfig(application));
        for (NetworkListener listener : server.getListeners()) {
            listener.getKeepAlive().setIdleTimeoutInSeconds(IDLE_TIMEOUT_SECONDS);
        }
        server.start();
        try {
            URI hub = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/.well-known/mercure");
            try (RawEventStream stream = RawEventStream.open(URI.create(hub + "?topic=quiet")).connected()) {
                Thread.sleep(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS * 4L).toMillis());
                String token = new TokenIssuer(KEY).issue(List.of("*"), List.of(), Duration.ofMinutes(1));
                HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub)
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("topic=quiet&data=still+there")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(published.statusCode()).isEqualTo(200);
                RawEventStream.Event event = stream.nextUpdate(Duration.ofSeconds(5));
                assertThat(event).as("the update on the quiet stream").isNotNull();
                assertThat(event.data()).isEqualTo("still there");
            }
        } finally {
            application.close();
            server.shutdownNow();
        }
    }
}
