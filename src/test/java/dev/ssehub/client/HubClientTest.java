package dev.ssehub.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.Payloads;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String TOKEN = new TokenIssuer(KEY).issue(List.of("*"), List.of("*"), Duration.ofHours(1));

    private final int port = freePort();
    private final URI hub = URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
    private final Client client = ClientBuilder.newClient();
    private StandaloneServer server;

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSubscriberSeesEveryUpdateOnceAcrossAHubRestart() throws Exception {
        server = startHub();
        List<ReceivedUpdate> received = new CopyOnWriteArrayList<>();
        HubPublisher publisher = new HubPublisher(client, hub, TOKEN, 100, Duration.ofMillis(100));
        try (HubSubscriber subscriber = quickSubscriber(received::add).build().start()) {
            List<String> published = new ArrayList<>();
            published.add(publisher.publish(Publication.to("orders").data("warm-up")));
            awaitCount(received, 1);
            for (int i = 0; i < 20; i++) {
                published.add(publisher.publish(Publication.to("orders").data("before " + i)));
            }
            awaitCount(received, published.size());

            server.close();
            Thread.sleep(1500);
            server = startHub();
            for (int i = 0; i < 20; i++) {
                published.add(publisher.publish(Publication.to("orders").data("after " + i)));
            }
            awaitCount(received, published.size());
            Thread.sleep(300);
            assertThat(received).extracting(ReceivedUpdate::id).containsExactlyElementsOf(published);
            assertThat(subscriber.lastEventId()).isEqualTo(published.get(published.size() - 1));
        }
    }

    @Test
    void aSubscriberStartsAtItsPositionAndKeepsItForTheNextProcess(@TempDir Path directory) throws Exception {
        server = startHub();
        HubPublisher publisher = new HubPublisher(client, hub, TOKEN);
        String first = publisher.publish(Publication.to("t").data("1"));
        String second = publisher.publish(Publication.to("t").data("2").type("note"));
        Path position = directory.resolve("position");
        List<ReceivedUpdate> received = new CopyOnWriteArrayList<>();
        try (HubSubscriber subscriber = quickSubscriber(received::add).startAfter(HubSubscriber.EARLIEST).keepPositionIn(position).build().start()) {
            awaitCount(received, 2);
        }
        assertThat(received).containsExactly(new ReceivedUpdate(first, null, "1"), new ReceivedUpdate(second, "note", "2"));
        assertThat(Files.readString(position)).isEqualTo(second);

        String third = publisher.publish(Publication.to("t").data("3"));
        List<ReceivedUpdate> afterRestart = new CopyOnWriteArrayList<>();
        try (HubSubscriber restarted = quickSubscriber(afterRestart::add).keepPositionIn(position).build().start()) {
            awaitCount(afterRestart, 1);
            Thread.sleep(300);
        }
        assertThat(afterRestart).extracting(ReceivedUpdate::id).containsExactly(third);
    }

    @Test
    void closeReturnsPromptlyAndNoCallbackRunsAfterIt() throws Exception {
        server = startHub();
        List<ReceivedUpdate> received = new CopyOnWriteArrayList<>();
        HubSubscriber subscriber = quickSubscriber(received::add).build().start();
        HubPublisher publisher = new HubPublisher(client, hub, TOKEN);
        publisher.publish(Publication.to("orders").data("seen"));
        awaitCount(received, 1);
        long start = System.nanoTime();
        subscriber.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        publisher.publish(Publication.to("orders").data("not seen"));
        Thread.sleep(500);
        assertThat(received).hasSize(1);
    }

    @Test
    void aPublisherRetryAfterALostAnswerDoesNotPublishTwice() throws Exception {
        server = startHub();
        AtomicBoolean loseNextAnswer = new AtomicBoolean(true);
        Client lossy = ClientBuilder.newClient().register((ClientResponseFilter) (request, response) -> {
            if (loseNextAnswer.getAndSet(false)) {
                throw new IOException("the answer was lost on the way back");
            }
        });
        try {
            String id = new HubPublisher(lossy, hub, TOKEN, 3, Duration.ofMillis(50)).publish(Publication.to("orders").data("once"));
            assertThat(loseNextAnswer).isFalse();
            List<ReceivedUpdate> received = new CopyOnWriteArrayList<>();
            try (HubSubscriber subscriber = quickSubscriber(received::add).startAfter(HubSubscriber.EARLIEST).build().start()) {
                awaitCount(received, 1);
                Thread.sleep(500);
            }
            assertThat(received).extracting(ReceivedUpdate::id).containsExactly(id);
        } finally {
            lossy.close();
        }
    }

    /** Jersey's own SseEventSource drops every leading space of a data line; the hub's client must not. */
    @Test
    void everyPayloadArrivesAsPublished() throws Exception {
        server = startHub();
        HubPublisher publisher = new HubPublisher(client, hub, TOKEN);
        List<ReceivedUpdate> received = new CopyOnWriteArrayList<>();
        try (HubSubscriber subscriber = quickSubscriber(received::add).build().start()) {
            publisher.publish(Publication.to("orders").data("warm-up"));
            awaitCount(received, 1);
            for (Payloads.Payload payload : Payloads.ALL) {
                publisher.publish(Publication.to("orders").data(payload.data()));
            }
            awaitCount(received, 1 + Payloads.ALL.size());
        }
        for (int i = 0; i < Payloads.ALL.size(); i++) {
            Payloads.Payload payload = Payloads.ALL.get(i);
            assertThat(received.get(1 + i).data()).as(payload.name()).isEqualTo(Payloads.asDelivered(payload.data()));
        }
    }

    /** A full hub answers 503 with a Retry-After of at least 5 s; a client that ignored it would be back within a second. */
    @Test
    void aRefusedSubscriberWaitsAsLongAsRetryAfterSays() throws Exception {
        server = startHub(Map.of(Setting.MAX_SUBSCRIBERS, "1"));
        try (RawEventStream occupying = RawEventStream.open(URI.create(hub + "?topic=orders")).connected();
             HubSubscriber refused = quickSubscriber(update -> { }).build().start()) {
            Thread.sleep(4500);
            assertThat(MetricsScrape.of(URI.create("http://127.0.0.1:" + port + "/")).value("ssehub_subscribers_refused_total"))
                    .as("refusals within 4.5 s").isEqualTo(1);
        }
    }

    @Test
    void aRefusedPublicationIsReportedWithItsStatus() {
        server = startHub();
        String readOnly = new TokenIssuer(KEY).issue(List.of("elsewhere"), List.of(), Duration.ofHours(1));
        try {
            new HubPublisher(client, hub, readOnly).publish(Publication.to("orders"));
            throw new AssertionError("the hub accepted a topic outside the token's claim");
        } catch (PublishException e) {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("topic");
        }
    }

    private HubSubscriber.Builder quickSubscriber(java.util.function.Consumer<ReceivedUpdate> onUpdate) {
        Supplier<Client> clients = ClientBuilder::newClient;
        return HubSubscriber.to(hub).topics("orders", "t").token(TOKEN).onUpdate(onUpdate).clients(clients)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500)).idleTimeout(Duration.ofSeconds(3));
    }

    private StandaloneServer startHub() {
        return startHub(Map.of());
    }

    private StandaloneServer startHub(Map<Setting, String> extra) {
        Map<Setting, String> settings = new java.util.EnumMap<>(Map.of(Setting.HOST, "127.0.0.1", Setting.PORT, Integer.toString(port),
                Setting.JWT_KEY, KEY, Setting.HEARTBEAT, "1s", Setting.DRAIN, "0"));
        settings.putAll(extra);
        return StandaloneServer.start(Settings.from(settings));
    }

    private static void awaitCount(List<?> list, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(count);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
