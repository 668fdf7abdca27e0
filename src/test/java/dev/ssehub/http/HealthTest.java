package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Liveness and readiness answer JSON that a person and a load balancer can both read. */
class HealthTest extends HubTest {

    @Test
    void livenessSaysUp() {
        assertThat(probe("healthz", 200).getString("status")).isEqualTo("up");
    }

    @Test
    void readinessSaysTheLogIsReachable() {
        JsonObject ready = probe("readyz", 200);
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getString("log")).isEqualTo("reachable");
    }

    private JsonObject probe(String path, int status) {
        try (Response response = target(path).request().get()) {
            assertThat(response.getStatus()).isEqualTo(status);
            assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
            return Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
        }
    }
}
