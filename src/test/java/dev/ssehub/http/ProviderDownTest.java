package dev.ssehub.http;

import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.JwksEndpoint;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hub whose identity provider cannot be reached and whose keys were never read: its tokens can be
 * neither accepted nor called bad, so they get a 503 to retry, and the static key keeps working.
 */
class ProviderDownTest extends HubTest {

    private static final RSAKey RSA = TestKeys.rsa("rsa");
    private static URI unreachable;

    @BeforeAll
    static void takeTheProviderDown() throws IOException {
        JwksEndpoint provider = JwksEndpoint.serving(RSA);
        unreachable = provider.url();
        provider.close();
    }

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.JWKS_URL, unreachable.toString());
        settings.put(Setting.JWKS_REFRESH, "2s");
    }

    @Test
    void publishingAndSubscribingWithAProviderTokenAre503WithRetryAfter() {
        String token = sign(RSA, JWSAlgorithm.RS256, grants(List.of("*"), List.of("*")));
        try (Response response = target(HUB_PATH).request().header("Authorization", "Bearer " + token)
                .post(Entity.form(new Form().param("topic", "t").param("data", "x")))) {
            assertUnavailable(response);
        }
        try (Response response = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream")
                .header("Authorization", "Bearer " + token).get()) {
            assertUnavailable(response);
        }
    }

    @Test
    void theStaticKeyAndAnonymousSubscribersKeepWorking() throws Exception {
        publishOk("t", "signed with the static key");
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    @Test
    void readinessSaysWhichKeySetIsMissingAndWhy() {
        try (Response response = target("readyz").request().get()) {
            assertThat(response.getStatus()).isEqualTo(503);
            String body = response.readEntity(String.class);
            assertThat(body).doesNotContain("do-not-log-me");
            JsonObject readiness = Json.createReader(new StringReader(body)).readObject();
            assertThat(readiness.getString("status")).isEqualTo("not ready");
            JsonObject keySet = readiness.getJsonArray("jwks").getJsonObject(0);
            assertThat(keySet.getString("url")).isEqualTo("http://127.0.0.1:" + unreachable.getPort() + "/certs");
            assertThat(keySet.getString("keys")).isEqualTo("none");
            assertThat(keySet.getString("provider")).isEqualTo("unreachable");
            assertThat(keySet.getString("error")).contains("Connection refused");
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        JsonObject problem = Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
        assertThat(problem.getString("detail")).isEqualTo("the identity provider's keys cannot be read right now");
    }
}
