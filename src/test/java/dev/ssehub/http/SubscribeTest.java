package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Settings;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscribeTest extends HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    void aJaxRsSseEventSourceReceivesPublishedUpdates() throws Exception {
        // WebTarget reads braces as its own template: pass the selector as a resolved value.
        WebTarget hub = target(HUB_PATH).queryParam("topic", "{selector}").resolveTemplate("selector", "https://example.com/books/{id}");
        BlockingQueue<InboundSseEvent> received = new LinkedBlockingQueue<>();
        CountDownLatch connected = new CountDownLatch(1);
        try (SseEventSource source = SseEventSource.target(hub).build()) {
            source.register(event -> {
                connected.countDown();
                if (!event.isEmpty()) {
                    received.add(event);
                }
            });
            source.open();
            assertThat(connected.await(5, TimeUnit.SECONDS)).as("the opening comment arrived").isTrue();
            String id = publishOk(new Form().param("topic", "https://example.com/books/42").param("data", "{\"title\":\"Dune\"}").param("type", "book"));
            InboundSseEvent event = received.poll(5, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.getId()).isEqualTo(id);
            assertThat(event.getName()).isEqualTo("book");
            assertThat(event.readData()).isEqualTo("{\"title\":\"Dune\"}");
        }
    }

    @Test
    void headersGoOutAtOnceWithTheFirstComment() throws Exception {
        try (RawEventStream stream = RawEventStream.open(subscribeUri("t"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-cache"));
            assertThat(stream.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(stream.headers().firstValue("Last-Event-ID")).isEmpty();
            RawEventStream.Event first = stream.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.isComment()).isTrue();
            assertThat(stream.lines().get(0)).as("the very first bytes of the body").startsWith(":");
        }
    }

    @Test
    void selectorsMatchExactTopicsTemplatesAndEverything() throws Exception {
        try (RawEventStream exact = RawEventStream.open(subscribeUri("https://example.com/books/1")).connected();
             RawEventStream template = RawEventStream.open(subscribeUri("https://example.com/books/{id}")).connected();
             RawEventStream everything = RawEventStream.open(subscribeUri("*")).connected()) {
            publishOk("https://example.com/books/2", "second");
            publishOk("https://example.com/books/1", "first");
            publishOk("https://example.com/authors/1", "author");
            assertThat(exact.nextUpdate(WAIT).data()).isEqualTo("first");
            assertThat(exact.nextUpdate(QUIET)).isNull();
            assertThat(template.nextUpdate(WAIT).data()).isEqualTo("second");
            assertThat(template.nextUpdate(WAIT).data()).isEqualTo("first");
            assertThat(template.nextUpdate(QUIET)).isNull();
            assertThat(List.of(everything.nextUpdate(WAIT).data(), everything.nextUpdate(WAIT).data(), everything.nextUpdate(WAIT).data()))
                    .containsExactly("second", "first", "author");
        }
    }

    @Test
    void anUpdateMatchingSeveralSelectorsAndTopicsArrivesOnce() throws Exception {
        try (RawEventStream stream = RawEventStream.open(subscribeUri("https://example.com/books/1", "https://example.com/books/{id}", "*", "alternate")).connected()) {
            publishOk(new Form().param("topic", "https://example.com/books/1").param("topic", "alternate").param("data", "once"));
            publishOk("other", "next");
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo("once");
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo("next");
        }
    }

    @Test
    void privateUpdatesReachOnlySubscribersWhoseClaimMatchesOneOfTheirTopics() throws Exception {
        String reader = token(List.of(), List.of("https://example.com/users/{user}/orders"));
        try (RawEventStream anonymous = RawEventStream.open(subscribeUri("*")).connected();
             RawEventStream authorized = RawEventStream.open(subscribeUri("https://example.com/orders/{id}"), "Authorization", "Bearer " + reader).connected();
             RawEventStream byQuery = RawEventStream.open(URI.create(subscribeUri("*") + "&authorization=" + reader)).connected();
             RawEventStream otherClaim = RawEventStream.open(subscribeUri("*"), "Authorization", "Bearer " + token(List.of(), List.of("https://example.com/users/2/{x}"))).connected()) {
            // The selector matches the canonical topic, the claim matches the alternate one: allowed.
            publishOk(new Form().param("topic", "https://example.com/orders/7").param("topic", "https://example.com/users/1/orders")
                    .param("data", "secret").param("private", ""));
            publishOk("https://example.com/orders/8", "public");
            assertThat(authorized.nextUpdate(WAIT).data()).isEqualTo("secret");
            assertThat(authorized.nextUpdate(WAIT).data()).isEqualTo("public");
            assertThat(byQuery.nextUpdate(WAIT).data()).isEqualTo("secret");
            assertThat(anonymous.nextUpdate(WAIT).data()).isEqualTo("public");
            assertThat(otherClaim.nextUpdate(WAIT).data()).isEqualTo("public");
        }
    }

    @Test
    void headAnswersAtOnceWithoutSubscribing() {
        try (Response response = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream").head()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType().toString()).startsWith("text/event-stream");
        }
        localHub().ifPresent(hub -> assertThat(hub.subscriberCount()).isZero());
    }

    @Test
    void refusesBadSubscriptions() {
        try (Response none = target(HUB_PATH).request("text/event-stream").get()) {
            assertProblem(none, 400, "topic");
        }
        try (Response forged = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream").header("Authorization", "Bearer x.y.z").get()) {
            assertProblem(forged, 401, "Authorization");
        }
        try (Response expired = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream")
                .header("Authorization", "Bearer " + new dev.ssehub.auth.TokenIssuer(KEY).issue(List.of(), List.of("*"), Duration.ofSeconds(-5))).get()) {
            assertProblem(expired, 401, "Authorization");
        }
    }

    @Test
    void acceptsAThousandSelectorsAndRefusesMore() throws Exception {
        List<String> thousand = IntStream.range(0, 1000).mapToObj(i -> "https://example.com/rooms/" + i + "/messages").toList();
        URI uri = subscribeUri(thousand.toArray(String[]::new));
        assertThat(uri.toString().length()).isGreaterThan(10_000);
        try (RawEventStream stream = RawEventStream.open(uri)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.connected();
            publishOk("https://example.com/rooms/999/messages", "last room");
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo("last room");
        }
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> "r" + i).toList();
        try (Response response = target(HUB_PATH).queryParam("topic", tooMany.toArray()).request("text/event-stream").get()) {
            assertProblem(response, 400, "topic");
        }
    }

    @Test
    void aSelectorLongerThanTheLimitIsRefused() throws Exception {
        try (RawEventStream longest = RawEventStream.open(subscribeUri("s".repeat(Settings.MAX_TOPIC_LENGTH)))) {
            assertThat(longest.status()).isEqualTo(200);
        }
        try (Response response = target(HUB_PATH).queryParam("topic", "s", "s".repeat(Settings.MAX_TOPIC_LENGTH + 1)).request("text/event-stream").get()) {
            assertProblem(response, 400, "topic");
        }
    }

    @Test
    void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
        String shortLived = new dev.ssehub.auth.TokenIssuer(KEY).issue(List.of(), List.of("*"), Duration.ofSeconds(2));
        try (RawEventStream stream = RawEventStream.open(subscribeUri("t"), "Authorization", "Bearer " + shortLived)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.awaitEnd(Duration.ofSeconds(6))).isTrue();
            localHub().ifPresent(hub -> assertThat(hub.subscriberCount()).isZero());
        }
    }

    protected URI subscribeUri(String... selectors) {
        String query = java.util.Arrays.stream(selectors)
                .map(selector -> "topic=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(hubUri() + "?" + query);
    }
}
