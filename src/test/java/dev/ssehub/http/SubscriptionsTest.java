package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ssehub.config.Setting;
import dev.ssehub.subscriptions.PathSegments;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The subscriptions API and subscription events, switched on. */
class SubscriptionsTest extends HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final String API = "/.well-known/mercure/subscriptions";
    private static final String EVENTS = API + "/{topic}/{subscriber}";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.SUBSCRIPTIONS, "true");
        // A subscriber that went away is noticed within one heartbeat.
        settings.put(Setting.HEARTBEAT, "500ms");
    }

    @Test
    void anEmptyHubListsNothingAsOfTheEarliestEvent() throws Exception {
        HttpResponse<String> response = get(API, apiToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/ld+json"));
        JsonObject body = json(response);
        assertThat(body.getString("@context")).isEqualTo("https://mercure.rocks/");
        assertThat(body.getString("id")).isEqualTo(API);
        assertThat(body.getString("type")).isEqualTo("Subscriptions");
        assertThat(body.getString("lastEventID")).isEqualTo("earliest");
        assertThat(body.getJsonArray("subscriptions")).isEmpty();
    }

    @Test
    void listsOneSubscriptionPerSelectorWithTheNewestEventId() throws Exception {
        try (RawEventStream monitor = monitor()) {
            String monitorJoined = monitor.nextUpdate(WAIT).id();
            try (RawEventStream reader = subscribe(null, "https://example.com/books/{id}", "*")) {
                List<String> joined = List.of(monitor.nextUpdate(WAIT).id(), monitor.nextUpdate(WAIT).id());
                JsonObject body = json(get(API, apiToken()));
                assertThat(body.getString("lastEventID")).isEqualTo(joined.get(1)).isNotEqualTo(monitorJoined);
                List<JsonObject> listed = body.getJsonArray("subscriptions").getValuesAs(JsonObject.class);
                assertThat(listed).extracting(subscription -> subscription.getString("topic"))
                        .containsExactly(EVENTS, "*", "https://example.com/books/{id}");
                JsonObject books = listed.get(2);
                String subscriber = books.getString("subscriber");
                assertThat(subscriber).startsWith("urn:uuid:").isEqualTo(listed.get(1).getString("subscriber"));
                assertThat(books.getString("id")).isEqualTo(API + "/https%3A%2F%2Fexample.com%2Fbooks%2F%7Bid%7D/" + PathSegments.encode(subscriber));
                assertThat(books.getString("type")).isEqualTo("Subscription");
                assertThat(books.getBoolean("active")).isTrue();
                assertThat(books.containsKey("payload")).as("an anonymous subscriber has no payload").isFalse();
                assertThat(books.containsKey("@context")).as("the collection's context applies").isFalse();
            }
        }
    }

    @Test
    void listsTheSubscriptionsOfOneSelector() throws Exception {
        try (RawEventStream first = subscribe(null, "https://example.com/books/{id}", "other");
             RawEventStream second = subscribe(null, "https://example.com/books/{id}")) {
            String path = API + "/" + PathSegments.encode("https://example.com/books/{id}");
            HttpResponse<String> response = get(path, apiToken());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject body = json(response);
            assertThat(body.getString("id")).isEqualTo(path);
            assertThat(body.getString("type")).isEqualTo("Subscriptions");
            List<JsonObject> listed = body.getJsonArray("subscriptions").getValuesAs(JsonObject.class);
            assertThat(listed).hasSize(2).allSatisfy(subscription ->
                    assertThat(subscription.getString("topic")).isEqualTo("https://example.com/books/{id}"));
            assertThat(listed.get(0).getString("subscriber")).isNotEqualTo(listed.get(1).getString("subscriber"));
            assertThat(json(get(API + "/" + PathSegments.encode("https://example.com/none"), apiToken())).getJsonArray("subscriptions")).isEmpty();
        }
    }

    @Test
    void answersOneSubscriptionWithThePayloadAndForgetsItWhenItsSubscriberLeaves() throws Exception {
        Map<String, Object> payload = Map.of("user", "https://example.com/users/1", "groups", List.of("admins"), "level", 3);
        String path;
        try (RawEventStream reader = subscribe(tokenWithPayload(List.of(), payload), "https://example.com/books/{id}")) {
            JsonObject listed = json(get(API, apiToken())).getJsonArray("subscriptions").getJsonObject(0);
            path = API + "/" + PathSegments.encode("https://example.com/books/{id}") + "/" + PathSegments.encode(listed.getString("subscriber"));
            HttpResponse<String> response = get(path, apiToken());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject one = json(response);
            assertThat(one.getString("@context")).isEqualTo("https://mercure.rocks/");
            assertThat(one.getString("id")).isEqualTo(path);
            assertThat(one.getString("type")).isEqualTo("Subscription");
            assertThat(one.getString("topic")).isEqualTo("https://example.com/books/{id}");
            assertThat(one.getBoolean("active")).isTrue();
            assertThat(one.getJsonObject("payload")).isEqualTo(Json.createObjectBuilder(payload).build());
            assertThat(one.getString("lastEventID")).isNotEqualTo("earliest");
            assertThat(get(path.substring(0, path.lastIndexOf('/') + 1) + PathSegments.encode("urn:uuid:unknown"), apiToken()))
                    .satisfies(unknown -> assertProblem(unknown, 404, "subscriber"));
        }
        awaitStatus(path, 404);
    }

    @Test
    void theRequestedUrlMustBeCoveredByTheTokensSubscribeClaim() throws Exception {
        try (RawEventStream reader = subscribe(null, "https://example.com/books/{id}")) {
            String byTopic = API + "/" + PathSegments.encode("https://example.com/books/{id}");
            assertProblem(get(API, null), 401, "Authorization");
            assertProblem(get(API, token(List.of("*"), List.of("https://example.com/books/{id}"))), 403, "Authorization");
            String collectionOnly = token(List.of(), List.of(API));
            assertThat(get(API, collectionOnly).statusCode()).isEqualTo(200);
            assertProblem(get(byTopic, collectionOnly), 403, "Authorization");
            assertThat(get(byTopic, token(List.of(), List.of(API + "/{topic}"))).statusCode()).isEqualTo(200);
            String query = API + "?authorization=" + URLEncoder.encode(apiToken(), StandardCharsets.UTF_8);
            assertThat(get(query, null).statusCode()).as("a token in the query is not part of the URL checked").isEqualTo(200);
        }
    }

    @Test
    void refusesPathsThatAreNoSubscription() throws Exception {
        assertProblem(get(API + "/a/b/c", apiToken()), 404, "path");
        assertProblem(get(API + "/", apiToken()), 404, "path");
    }

    @Test
    void aClientRevalidatesWithTheEtag() throws Exception {
        HttpResponse<String> first = get(API, apiToken());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"earliest\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("must-revalidate");
        assertThat(get(API, apiToken(), "If-None-Match", etag).statusCode()).isEqualTo(304);
        publishOk("https://example.com/books/1", "changed");
        assertThat(get(API, apiToken(), "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void eventsTellAuthorizedSubscribersWhoJoinedAndWhoLeft() throws Exception {
        try (RawEventStream monitor = monitor();
             RawEventStream anonymous = RawEventStream.open(subscribeUri(EVENTS)).connected()) {
            // Its own join, then the anonymous subscriber's: it may watch, not see the events.
            assertThat(List.of(json(monitor.nextUpdate(WAIT)), json(monitor.nextUpdate(WAIT))))
                    .extracting(event -> event.getString("topic")).containsExactly(EVENTS, EVENTS);
            Map<String, Object> payload = Map.of("user", "u1");
            RawEventStream reader = subscribe(tokenWithPayload(List.of(), payload), "https://example.com/books/{id}", "*");
            List<JsonObject> joined = List.of(json(monitor.nextUpdate(WAIT)), json(monitor.nextUpdate(WAIT)));
            assertThat(joined).extracting(event -> event.getString("topic")).containsExactly("*", "https://example.com/books/{id}");
            JsonObject books = joined.get(1);
            String subscriber = books.getString("subscriber");
            assertThat(books.getString("@context")).isEqualTo("https://mercure.rocks/");
            assertThat(books.getString("id")).isEqualTo(API + "/" + PathSegments.encode("https://example.com/books/{id}") + "/" + PathSegments.encode(subscriber));
            assertThat(books.getString("type")).isEqualTo("Subscription");
            assertThat(books.getBoolean("active")).isTrue();
            assertThat(books.getJsonObject("payload")).isEqualTo(Json.createObjectBuilder(payload).build());

            reader.close();
            List<JsonObject> left = List.of(json(monitor.nextUpdate(WAIT)), json(monitor.nextUpdate(WAIT)));
            assertThat(left).extracting(event -> event.getString("topic")).containsExactly("*", "https://example.com/books/{id}");
            assertThat(left).allSatisfy(event -> {
                assertThat(event.getString("subscriber")).isEqualTo(subscriber);
                assertThat(event.getBoolean("active")).isFalse();
            });
            assertThat(left.get(1).getJsonObject("payload")).isEqualTo(Json.createObjectBuilder(payload).build());

            assertThat(monitor.nextUpdate(QUIET)).as("nothing but joins and leaves, once each").isNull();
            assertThat(anonymous.nextUpdate(QUIET)).as("subscription events are private").isNull();
        }
    }

    /** Once the first subscriber's join is in the log, the list reflects it: resuming from the listed id gives only what followed. */
    @Test
    void aSubscriberResumingFromTheListedIdMissesNoChange() throws Exception {
        try (RawEventStream watching = monitor(); RawEventStream first = subscribe(null, "https://example.com/books/{id}")) {
            List<String> seen = new ArrayList<>();
            RawEventStream.Event joined;
            while (!seen.contains("https://example.com/books/{id}") && (joined = watching.nextUpdate(WAIT)) != null) {
                seen.add(json(joined).getString("topic"));
            }
            assertThat(seen).as("the first subscriber's join").contains("https://example.com/books/{id}");
            String lastEventId = json(get(API, apiToken())).getString("lastEventID");
            try (RawEventStream second = subscribe(null, "https://example.com/authors/{id}");
                 RawEventStream monitor = RawEventStream.open(subscribeUri(EVENTS), "Authorization", "Bearer " + apiToken(),
                         "Last-Event-ID", lastEventId).connected()) {
                List<String> topics = new ArrayList<>();
                RawEventStream.Event event;
                while ((event = monitor.nextUpdate(QUIET)) != null) {
                    topics.add(json(event).getString("topic"));
                }
                assertThat(topics).contains("https://example.com/authors/{id}").doesNotContain("https://example.com/books/{id}");
            }
        }
    }

    private RawEventStream monitor() throws InterruptedException {
        return RawEventStream.open(subscribeUri(EVENTS), "Authorization", "Bearer " + apiToken()).connected();
    }

    private RawEventStream subscribe(String token, String... selectors) throws InterruptedException {
        URI uri = subscribeUri(selectors);
        return (token == null ? RawEventStream.open(uri) : RawEventStream.open(uri, "Authorization", "Bearer " + token)).connected();
    }

    private URI subscribeUri(String... selectors) {
        return URI.create(hubUri() + "?" + Arrays.stream(selectors)
                .map(selector -> "topic=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    /** A token for the whole API and every subscription event. */
    private static String apiToken() {
        return token(List.of(), List.of(API + "{/topic}{/subscriber}"));
    }

    private static String tokenWithPayload(List<String> subscribe, Map<String, Object> payload) throws Exception {
        Map<String, Object> mercure = new LinkedHashMap<>();
        mercure.put("subscribe", subscribe);
        mercure.put("payload", payload);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().claim("mercure", mercure).build());
        jwt.sign(new MACSigner(KEY.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private HttpResponse<String> get(String pathAndQuery, String token, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(getBaseUri().toString().replaceAll("/$", "") + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last;
        do {
            last = get(path, apiToken()).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " answered " + last + ", expected " + status);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonObject json(RawEventStream.Event event) {
        assertThat(event).as("an event arrived in time").isNotNull();
        return json(event.data());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).getString("field")).isEqualTo(field);
    }
}
