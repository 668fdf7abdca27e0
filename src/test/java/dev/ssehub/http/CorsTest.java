package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest extends HubTest {

    private static final String LISTED = "https://app.example.com";

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.CORS_ORIGINS, LISTED + ", https://admin.example.com");
    }

    @Test
    void aListedOriginsPreflightIsAnsweredWithCredentials() {
        try (Response response = preflight(LISTED)) {
            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(response.getHeaderString("Access-Control-Allow-Origin")).isEqualTo(LISTED);
            assertThat(response.getHeaderString("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(response.getHeaderString("Access-Control-Allow-Methods")).contains("GET").contains("POST");
            assertThat(response.getHeaderString("Access-Control-Allow-Headers")).contains("Authorization").contains("Last-Event-ID");
        }
    }

    @Test
    void anUnlistedOriginsPreflightIsForbidden() {
        try (Response response = preflight("https://evil.example")) {
            assertProblem(response, 403, "Origin");
            assertThat(response.getHeaderString("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void aPreflightForAMethodOrHeaderTheHubDoesNotTakeIsForbidden() {
        try (Response response = preflight(LISTED, "DELETE", "authorization")) {
            assertProblem(response, 403, "Access-Control-Request-Method");
        }
        try (Response response = preflight(LISTED, "POST", "Authorization, X-Requested-By")) {
            assertProblem(response, 403, "Access-Control-Request-Headers");
        }
        try (Response response = preflight(LISTED, "get", " last-event-id ,cache-control,")) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
    }

    @Test
    void responsesToListedOriginsAreMarkedAndOthersAreNot() {
        try (Response listed = target(HUB_PATH).request().header("Origin", LISTED).post(jakarta.ws.rs.client.Entity.form(new jakarta.ws.rs.core.Form()))) {
            assertThat(listed.getHeaderString("Access-Control-Allow-Origin")).isEqualTo(LISTED);
            assertThat(listed.getHeaderString("Access-Control-Allow-Credentials")).isEqualTo("true");
        }
        try (Response other = target(HUB_PATH).request().header("Origin", "https://evil.example").post(jakarta.ws.rs.client.Entity.form(new jakarta.ws.rs.core.Form()))) {
            assertThat(other.getHeaderString("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void aStreamAndARefusedSubscriptionAreMarkedForAListedOriginSoItsPageCanReadThem() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=cors"), "Origin", LISTED).connected()) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LISTED);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(stream.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(exposed -> assertThat(exposed).contains("Last-Event-ID"));
        }
        try (RawEventStream other = RawEventStream.open(URI.create(hubUri() + "?topic=cors"), "Origin", "https://evil.example").connected()) {
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        try (Response refused = target(HUB_PATH).request("text/event-stream").header("Origin", LISTED).get()) {
            assertProblem(refused, 400, "topic");
            assertThat(refused.getHeaderString("Access-Control-Allow-Origin")).isEqualTo(LISTED);
        }
    }

    private Response preflight(String origin) {
        return preflight(origin, "POST", "authorization");
    }

    private Response preflight(String origin, String method, String headers) {
        return target(HUB_PATH).request()
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .options();
    }
}
