package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.PlainJWT;
import dev.ssehub.config.Setting;
import dev.ssehub.protocol.RequestAuthorizer;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hub that takes tokens from an identity provider's JWK set besides its own static key. */
class ProviderTokensTest extends HubTest {

    private static final ECKey P256 = TestKeys.ec(Curve.P_256, "p256");
    private static final OctetKeyPair ED25519 = TestKeys.ed25519("ed25519");
    private static JwksEndpoint provider;

    @BeforeAll
    static void startProvider() throws IOException {
        provider = JwksEndpoint.serving(P256, ED25519);
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.JWKS_URL, provider.url().toString());
        settings.put(Setting.JWKS_REFRESH, "1s");
    }

    @Test
    void tokensVerifiedByTheKeySetAndByTheStaticKeyBothPublish() {
        try (Response response = publishWith(sign(P256, JWSAlgorithm.ES256, grants(List.of("*"), List.of())))) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
        publishOk("t", "signed with the static key");
    }

    @Test
    void aPrivateUpdateReachesASubscriberWhoseTokenTheKeySetVerifies() throws Exception {
        String subscriber = sign(ED25519, JWSAlgorithm.EdDSA, grants(List.of(), List.of("https://example.com/books/{id}")));
        URI stream = URI.create(hubUri() + "?topic=" + URLEncoder.encode("https://example.com/books/{id}", StandardCharsets.UTF_8)
                + "&authorization=" + subscriber);
        try (RawEventStream events = RawEventStream.open(stream).connected()) {
            publishOk(new Form().param("topic", "https://example.com/books/1").param("data", "secret").param("private", "on"));
            assertThat(events.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("secret");
        }
    }

    @Test
    void aRefusedTokenIsA401NamingTheFieldItCameFrom() {
        String unsigned = new PlainJWT(grants(List.of("*"), List.of())).serialize();
        try (Response response = publishWith(unsigned)) {
            assertProblem(response, 401, "Authorization");
        }
        ECKey unknown = TestKeys.ec(Curve.P_256, "unknown");
        String unknownKid = sign(unknown, JWSAlgorithm.ES256, grants(List.of("*"), List.of()));
        try (Response response = target(HUB_PATH).queryParam("authorization", unknownKid).request()
                .post(Entity.form(new Form().param("topic", "t").param("data", "x")))) {
            assertProblem(response, 401, "authorization");
        }
        String wrongCurve = sign(TestKeys.ec(Curve.P_384, "p256"), new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("p256").build(),
                grants(List.of(), List.of("*")));
        try (Response response = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream")
                .cookie(RequestAuthorizer.COOKIE, wrongCurve).get()) {
            assertProblem(response, 401, RequestAuthorizer.COOKIE);
        }
    }

    @Test
    void readinessNamesTheKeySetWithoutItsQuery() {
        try (Response response = target("readyz").request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            JsonObject keySet = Json.createReader(new StringReader(response.readEntity(String.class))).readObject().getJsonArray("jwks").getJsonObject(0);
            assertThat(keySet.getString("url")).isEqualTo("http://127.0.0.1:" + provider.url().getPort() + "/certs");
            assertThat(keySet.getString("keys")).isEqualTo("cached");
            assertThat(keySet.getString("provider")).isEqualTo("reachable");
        }
    }

    private Response publishWith(String token) {
        return target(HUB_PATH).request().header("Authorization", "Bearer " + token)
                .post(Entity.form(new Form().param("topic", "t").param("data", "x")));
    }
}
