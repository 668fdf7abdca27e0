package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static dev.ssehub.testing.TestKeys.grants;
import static dev.ssehub.testing.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hub with a JWK set in a file beside its secret: {@code src/test/resources/jwks/public.json},
 * whose private halves (test-only keys, made with Nimbus and the JDK) are in {@code private.json}.
 * {@link FileJwksIT} runs the same against the WAR on Open Liberty, configured in the pom.
 */
class FileJwksTest extends HubTest {

    private static final JWTClaimsSet PUBLISH_ANYWHERE = grants(List.of("*"), List.of());

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.JWKS_URL, "file:" + Path.of("src/test/resources/jwks/public.json").toAbsolutePath());
    }

    @Test
    void es256AndEdDsaTokensFromTheFilePublishBesideTheSecret() throws Exception {
        try (Response response = publishWith(sign(signingKey("test-es256"), JWSAlgorithm.ES256, PUBLISH_ANYWHERE))) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
        try (Response response = publishWith(sign(signingKey("test-ed25519"), JWSAlgorithm.EdDSA, PUBLISH_ANYWHERE))) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
        publishOk("t", "signed with the secret");
    }

    @Test
    void aTokenOfAKeyNotInTheFileIsA401() {
        try (Response response = publishWith(sign(TestKeys.ec(Curve.P_256, "test-es256"), JWSAlgorithm.ES256, PUBLISH_ANYWHERE))) {
            assertProblem(response, 401, "Authorization");
        }
    }

    @Test
    void readinessListsTheFile() {
        try (Response response = target("readyz").request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            JsonObject keySet = Json.createReader(new StringReader(response.readEntity(String.class))).readObject()
                    .getJsonArray("jwks").getJsonObject(0);
            assertThat(keySet.getString("url")).startsWith("file:/").endsWith("/src/test/resources/jwks/public.json");
            assertThat(keySet.getString("keys")).isEqualTo("cached");
        }
    }

    private Response publishWith(String token) {
        return target(HUB_PATH).request().header("Authorization", "Bearer " + token)
                .post(Entity.form(new Form().param("topic", "t").param("data", "x")));
    }

    private static JWK signingKey(String kid) throws Exception {
        try (InputStream keys = FileJwksTest.class.getResourceAsStream("/jwks/private.json")) {
            return JWKSet.load(keys).getKeyByKeyId(kid);
        }
    }
}
