package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub with anonymous subscribers switched off. */
class PrivateHubTest extends HubTest {

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.ANONYMOUS, "false");
    }

    @Test
    void subscribingNeedsAToken() throws Exception {
        try (Response response = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream").get()) {
            assertProblem(response, 401, "Authorization");
        }
        String token = token(List.of(), List.of());
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t"), "Authorization", "Bearer " + token)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(Duration.ofSeconds(5)).isComment()).isTrue();
            publishOk("t", "public update");
            assertThat(stream.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("public update");
        }
    }
}
