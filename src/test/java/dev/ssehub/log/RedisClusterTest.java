package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.testing.HubProcess;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hub processes sharing one real Redis act as one hub. */
class RedisClusterTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String TOKEN = new TokenIssuer(KEY).issue(List.of("*"), List.of("*"), Duration.ofHours(1));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private RedisServer redis;
    private HubProcess a;
    private HubProcess b;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(directory);
    }

    private void startTwoHubs() throws Exception {
        a = hub();
        b = hub();
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        redis.close();
    }

    @Test
    void anUpdatePublishedToOneHubReachesSubscribersOfTheOther() throws Exception {
        startTwoHubs();
        try (RawEventStream onB = subscribe(b).connected()) {
            String id = publish(a, "hello from A").body();
            RawEventStream.Event event = onB.nextUpdate(WAIT);
            assertThat(event.id()).isEqualTo(id);
            assertThat(event.data()).isEqualTo("hello from A");
        }
    }

    @Test
    void aSubscriberDroppedByOneHubResumesOnTheOtherWithoutGapOrDuplicate() throws Exception {
        startTwoHubs();
        List<String> ids = new ArrayList<>();
        String last;
        try (RawEventStream onA = subscribe(a).connected()) {
            for (int i = 0; i < 5; i++) {
                ids.add(publish(a, "before " + i).body());
            }
            for (int i = 0; i < 3; i++) {
                onA.nextUpdate(WAIT);
            }
            last = ids.get(2);
        }
        for (int i = 0; i < 5; i++) {
            ids.add(publish(b, "after " + i).body());
        }
        try (RawEventStream onB = RawEventStream.open(URI.create(base(b) + "?topic=cluster"), "Last-Event-ID", last)) {
            assertThat(onB.headers().firstValue("Last-Event-ID")).hasValue(last);
            for (String expected : ids.subList(3, ids.size())) {
                assertThat(onB.nextUpdate(WAIT).id()).isEqualTo(expected);
            }
            assertThat(onB.nextUpdate(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void whileRedisIsDownPublishingIsRefusedWith503SubscribersStayAndNothingIsLostOrDoubled() throws Exception {
        startTwoHubs();
        try (RawEventStream onA = subscribe(a).connected(); RawEventStream onB = subscribe(b).connected()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(publish(i % 2 == 0 ? a : b, "before " + i).body());
            }
            redis.stop();

            HttpResponse<String> refused = publish(a, "during the outage");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(MetricsScrape.of(a.uri("")).value("ssehub_updates_published_total{outcome=\"unavailable\"}")).isEqualTo(1);
            awaitReadiness(a, 503);
            assertThat(onA.ended()).isFalse();
            assertThat(onB.ended()).isFalse();

            redis.start();
            awaitReadiness(a, 200);
            awaitReadiness(b, 200);
            for (int i = 0; i < 5; i++) {
                ids.add(publish(i % 2 == 0 ? b : a, "after " + i).body());
            }
            for (RawEventStream stream : List.of(onA, onB)) {
                for (String expected : ids) {
                    RawEventStream.Event event = stream.nextUpdate(WAIT);
                    assertThat(event).as("update %s", expected).isNotNull();
                    assertThat(event.id()).isEqualTo(expected);
                }
                assertThat(stream.nextUpdate(Duration.ofMillis(500))).isNull();
            }
        }
    }

    @Test
    void subscriptionEventsReachEveryHubWhileEachListsOnlyItsOwnSubscribers() throws Exception {
        a = hub("--subscriptions", "true");
        b = hub("--subscriptions", "true");
        String events = "/.well-known/mercure/subscriptions/{topic}/{subscriber}";
        try (RawEventStream monitorOnB = RawEventStream.open(URI.create(base(b) + "?topic=" + java.net.URLEncoder.encode(events, java.nio.charset.StandardCharsets.UTF_8)),
                "Authorization", "Bearer " + TOKEN).connected()) {
            assertThat(monitorOnB.nextUpdate(WAIT).data()).as("its own join").contains("\"subscriber\"");
            RawEventStream onA = subscribe(a).connected();
            assertThat(monitorOnB.nextUpdate(WAIT).data()).contains("\"topic\":\"cluster\"").contains("\"active\":true");
            assertThat(subscriptions(a)).contains("\"topic\":\"cluster\"").doesNotContain("\"topic\":\"" + events + "\"");
            assertThat(subscriptions(b)).contains("\"topic\":\"" + events + "\"").doesNotContain("\"topic\":\"cluster\"");
            onA.close();
            assertThat(monitorOnB.nextUpdate(WAIT).data()).contains("\"topic\":\"cluster\"").contains("\"active\":false");
        }
    }

    @Test
    void anUnreachableRedisStopsTheStartWithOneLine() {
        Map<Setting, String> settings = Map.of(Setting.JWT_KEY, KEY, Setting.TRANSPORT, "redis://127.0.0.1:1");
        try {
            StandaloneServer.start(Settings.from(settings)).close();
            throw new AssertionError("the hub started without its log");
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).startsWith("SSEHUB_TRANSPORT (--transport): cannot reach Redis at 'redis://127.0.0.1:1'")
                    .doesNotContain("\n");
        }
    }

    private HubProcess hub(String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--jwt-key", KEY, "--transport", redis.uri(), "--heartbeat", "1s"));
        all.addAll(List.of(flags));
        return HubProcess.start(all.toArray(String[]::new));
    }

    private static String subscriptions(HubProcess hub) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(hub.uri(".well-known/mercure/subscriptions"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static URI base(HubProcess hub) {
        return hub.hubUri();
    }

    private static RawEventStream subscribe(HubProcess hub) {
        return RawEventStream.open(URI.create(base(hub) + "?topic=cluster"));
    }

    private static HttpResponse<String> publish(HubProcess hub, String data) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base(hub))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=cluster&data=" + java.net.URLEncoder.encode(data, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!data.equals("during the outage") && response.statusCode() != 200) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static void awaitReadiness(HubProcess hub, int status) throws Exception {
        URI readyz = hub.uri("readyz");
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = HTTP.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness stayed " + last + ", expected " + status);
    }
}
