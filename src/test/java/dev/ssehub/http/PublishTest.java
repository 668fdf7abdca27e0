package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Settings;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.testing.HubTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublishTest extends HubTest {

    @Test
    void answersTheHubMadeIdAsPlainText() {
        try (Response response = publish(new Form().param("topic", "https://example.com/books/1").param("data", "x"))) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType().toString()).startsWith("text/plain");
            String id = response.readEntity(String.class);
            assertThat(id).startsWith("urn:uuid:");
            UUID uuid = UUID.fromString(id.substring("urn:uuid:".length()));
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void keepsThePublishersId() {
        assertThat(publishOk(new Form().param("topic", "t").param("id", "https://example.com/events/1"))).isEqualTo("https://example.com/events/1");
    }

    @Test
    void republishingTheSameUpdateWithItsIdIsIdempotent() {
        Form form = new Form().param("topic", "t").param("id", "retry-1").param("data", "same");
        assertThat(publishOk(form)).isEqualTo("retry-1");
        assertThat(publishOk(form)).isEqualTo("retry-1");
        try (Response conflicting = publish(new Form().param("topic", "t").param("id", "retry-1").param("data", "other"))) {
            assertProblem(conflicting, 409, "id");
        }
    }

    @Test
    void aTopicLongerThanTheLimitIsRefused() {
        publishOk("t".repeat(Settings.MAX_TOPIC_LENGTH), "longest");
        try (Response tooLong = publish(new Form().param("topic", "t").param("topic", "t".repeat(Settings.MAX_TOPIC_LENGTH + 1)))) {
            assertProblem(tooLong, 400, "topic");
        }
    }

    @Test
    void withoutTokenIsUnauthorized() {
        try (Response response = target(HUB_PATH).request().post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(response, 401, "Authorization");
        }
    }

    @Test
    void withForgedOrMalformedTokenIsUnauthorized() {
        String forged = new dev.ssehub.auth.TokenIssuer("another-secret-that-is-long-enough-for-hs256").issue(List.of("*"), List.of(), null);
        for (String token : List.of(forged, "not-a-jwt", "")) {
            try (Response response = target(HUB_PATH).request().header("Authorization", "Bearer " + token)
                    .post(Entity.form(new Form().param("topic", "t")))) {
                assertProblem(response, 401, "Authorization");
            }
        }
        try (Response response = target(HUB_PATH).request().header("Authorization", "Basic dXNlcjpwYXNz")
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(response, 401, "Authorization");
        }
    }

    @Test
    void toATopicOutsideThePublishClaimIsForbidden() {
        String token = token(List.of("https://example.com/books/{id}"), List.of());
        Form form = new Form().param("topic", "https://example.com/books/1").param("topic", "https://example.com/authors/1");
        try (Response response = target(HUB_PATH).request().header("Authorization", "Bearer " + token).post(Entity.form(form))) {
            assertProblem(response, 403, "topic");
        }
        try (Response allowed = target(HUB_PATH).request().header("Authorization", "Bearer " + token)
                .post(Entity.form(new Form().param("topic", "https://example.com/books/1")))) {
            assertThat(allowed.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void aTokenWithoutPublishClaimMayNotPublish() {
        try (Response response = target(HUB_PATH).request().header("Authorization", "Bearer " + token(List.of(), List.of("*")))
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(response, 403, "topic");
        }
    }

    @Test
    void theTokenMayComeFromTheQueryOrASameOriginCookie() {
        try (Response query = target(HUB_PATH).queryParam("authorization", publisherToken()).request()
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertThat(query.getStatus()).isEqualTo(200);
        }
        String own = getBaseUri().getScheme() + "://" + getBaseUri().getAuthority();
        try (Response cookie = target(HUB_PATH).request().cookie(RequestAuthorizer.COOKIE, publisherToken()).header("Origin", own)
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertThat(cookie.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void aCookieTokenFromAForeignOriginOrWithoutOriginMayNotPublish() {
        try (Response foreign = target(HUB_PATH).request().cookie(RequestAuthorizer.COOKIE, publisherToken())
                .header("Origin", "https://evil.example").post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(foreign, 403, "Origin");
        }
        try (Response none = target(HUB_PATH).request().cookie(RequestAuthorizer.COOKIE, publisherToken())
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(none, 403, "Origin");
        }
    }

    @Test
    void theHeaderTokenWinsOverQueryAndCookie() {
        try (Response response = target(HUB_PATH).queryParam("authorization", publisherToken()).request()
                .header("Authorization", "Bearer " + token(List.of(), List.of()))
                .post(Entity.form(new Form().param("topic", "t")))) {
            assertProblem(response, 403, "topic");
        }
    }

    @Test
    void refusesMalformedFields() {
        assertRefused(new Form().param("data", "no topic"), 400, "topic");
        assertRefused(new Form().param("topic", ""), 400, "topic");
        assertRefused(new Form().param("topic", "t").param("id", "#fragment"), 400, "id");
        assertRefused(new Form().param("topic", "t").param("id", "a\nevent: injected"), 400, "id");
        assertRefused(new Form().param("topic", "t").param("id", "a\rb"), 400, "id");
        assertRefused(new Form().param("topic", "t").param("id", "a\0b"), 400, "id");
        assertRefused(new Form().param("topic", "t").param("type", "x\r\ndata: injected"), 400, "type");
        assertRefused(new Form().param("topic", "t").param("retry", "soon"), 400, "retry");
        assertRefused(new Form().param("topic", "t").param("retry", "-5"), 400, "retry");
    }

    @Test
    void refusesOtherMediaTypesAndMethodsAndOversizedBodies() {
        try (Response json = target(HUB_PATH).request().header("Authorization", "Bearer " + publisherToken())
                .post(Entity.entity("{\"topic\":\"t\"}", MediaType.APPLICATION_JSON_TYPE))) {
            assertProblem(json, 415, "Content-Type");
        }
        try (Response put = target(HUB_PATH).request().put(Entity.form(new Form()))) {
            assertProblem(put, 405, "method");
            assertThat(put.getHeaderString("Allow")).contains("GET").contains("POST");
        }
        try (Response huge = publish(new Form().param("topic", "t").param("data", "x".repeat(1024 * 1024 + 1)))) {
            assertProblem(huge, 413, "body");
        }
        try (Response missing = target("no/such/path").request().get()) {
            assertProblem(missing, 404, "path");
        }
    }

    private void assertRefused(Form form, int status, String field) {
        try (Response response = publish(form)) {
            assertProblem(response, status, field);
        }
    }

    static JsonObject assertProblem(Response response, int status, String field) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        String body = response.readEntity(String.class);
        JsonObject problem = Json.createReader(new StringReader(body)).readObject();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("field")).isEqualTo(field);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
