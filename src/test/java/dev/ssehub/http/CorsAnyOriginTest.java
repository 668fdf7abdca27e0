package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub that admits every origin, without credentials. */
class CorsAnyOriginTest extends HubTest {

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.CORS_ORIGINS, "*");
    }

    @Test
    void anyOriginIsAllowedButWithoutCredentials() {
        try (Response response = target(HUB_PATH).request().header("Origin", "https://anywhere.example")
                .header("Access-Control-Request-Method", "GET").options()) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        try (Response response = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream")
                .header("Origin", "https://anywhere.example").head()) {
            assertThat(response.getHeaderString("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(response.getHeaderString("Access-Control-Allow-Credentials")).isNull();
        }
    }
}
