package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.TlsHub;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone hub over HTTP/2 on TLS, with the JDK's HttpClient: ALPN picks h2 for everything the
 * hub serves, many streams share one connection, and one stream's flow control holds up no other.
 */
class Http2Test {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = new TokenIssuer(TlsHub.KEY).issue(List.of("*"), List.of("*"), Duration.ofMinutes(10));
    private static final HttpClient CLEARTEXT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TlsHub hub;
    private final List<RawEventStream> streams = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(RawEventStream::close);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void alpnNegotiatesHttp2ForThePageTheApiPublishingAndStreams() throws Exception {
        hub = TlsHub.start(Map.of(Setting.DEMO, "true", Setting.HEARTBEAT, "1s", Setting.HISTORY_SIZE, "10"));
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(hub.https("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(page.body()).contains("<title>ssehub demo</title>");
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(hub.https("healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(health.statusCode()).isEqualTo(200);

        RawEventStream stream = open(client, hub.https(".well-known/mercure?topic=t"));
        assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(stream.lines()).first().isEqualTo(": ");

        HttpResponse<String> published = client.send(publish(hub.https(".well-known/mercure"), "t", "over h2"), HttpResponse.BodyHandlers.ofString());
        assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(published.statusCode()).isEqualTo(200);
        RawEventStream.Event update = stream.nextUpdate(WAIT);
        assertThat(update.data()).isEqualTo("over h2");
        assertThat(update.id()).isEqualTo(published.body());

        // Heartbeats keep coming on the stream, two comments a moment apart, as over HTTP/1.1.
        long comments = stream.lines().stream().filter(": "::equals).count();
        Thread.sleep(2_500);
        assertThat(stream.lines().stream().filter(": "::equals).count()).isGreaterThanOrEqualTo(comments + 2);

        // A resumed stream gets exactly what it missed.
        String second = client.send(publish(hub.https(".well-known/mercure"), "t", "missed"), HttpResponse.BodyHandlers.ofString()).body();
        RawEventStream resumed = open(client, hub.https(".well-known/mercure?topic=t"), "Last-Event-ID", published.body());
        assertThat(resumed.nextUpdate(WAIT).id()).isEqualTo(second);

        // A refusal is a problem on its stream; the connection carries on.
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(hub.https(".well-known/mercure")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"topic\"");
        assertThat(client.send(HttpRequest.newBuilder(hub.https("healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        // The drain of a stopping hub reaches h2 streams: the notice, then the stream's end.
        assertThat(stream.nextUpdate(WAIT).id()).isEqualTo(second);
        hub.server().close();
        RawEventStream.Event notice = stream.nextUpdate(WAIT);
        assertThat(notice.type()).isEqualTo("ssehub-reconnect");
        assertThat(stream.awaitEnd(WAIT)).isTrue();
    }

    @Test
    void httpsStillSpeaksHttp11ToAClientThatOffersNothingElse() throws Exception {
        hub = TlsHub.start(Map.of());
        HttpClient client = hub.client(HttpClient.Version.HTTP_1_1);
        RawEventStream stream = open(client, hub.https(".well-known/mercure?topic=t"));
        assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        String id = client.send(publish("t", "over TLS"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(stream.nextUpdate(WAIT).id()).isEqualTo(id);
    }

    /** {@code SSEHUB_PORT=0}: no cleartext listener, and everything over HTTPS. */
    @Test
    void withCleartextOffTheHubServesHttpsAlone() throws Exception {
        hub = TlsHub.start(Map.of(Setting.PORT, "0"));
        assertThatThrownBy(() -> hub.server().port()).isInstanceOf(IllegalStateException.class).hasMessage("the hub serves no cleartext HTTP");
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);
        RawEventStream stream = open(client, hub.https(".well-known/mercure?topic=t"));
        assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> published = client.send(publish(hub.https(".well-known/mercure"), "t", "over HTTPS alone"), HttpResponse.BodyHandlers.ofString());
        assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(stream.nextUpdate(WAIT).id()).isEqualTo(published.body());
    }

    @Test
    void aHundredStreamsShareOneConnectionAndEachGetsEveryUpdate() throws Exception {
        hub = TlsHub.start(Map.of());
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);
        // The client opens a connection per request until it knows the server speaks HTTP/2; after one, it has one.
        client.send(HttpRequest.newBuilder(hub.https("healthz")).build(), HttpResponse.BodyHandlers.discarding());
        List<CompletableFuture<RawEventStream>> opening = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> RawEventStream.open(client, hub.https(".well-known/mercure?topic=t"))));
        }
        for (CompletableFuture<RawEventStream> open : opening) {
            RawEventStream stream = open.get(30, TimeUnit.SECONDS);
            streams.add(stream);
            assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
            stream.connected();
        }
        assertThat(establishedConnections(hub.server().httpsPort())).isEqualTo(1);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(CLEARTEXT.send(publish("t", "update " + i), HttpResponse.BodyHandlers.ofString()).body());
        }
        for (RawEventStream stream : streams) {
            for (String id : ids) {
                assertThat(stream.nextUpdate(WAIT)).extracting(RawEventStream.Event::id).isEqualTo(id);
            }
        }
    }

    @Test
    void aSubscriptionWithAThousandSelectorsFitsInOneHeadersBlock() throws Exception {
        hub = TlsHub.start(Map.of());
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            query.append(i == 0 ? "?" : "&").append("topic=")
                    .append(URLEncoder.encode("https://example.com/books/" + i + "/chapters/{chapter}", StandardCharsets.UTF_8));
        }
        assertThat(query.length()).isGreaterThan(10_000);
        RawEventStream stream = open(hub.client(HttpClient.Version.HTTP_2), hub.https(".well-known/mercure" + query));
        assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
        String id = CLEARTEXT.send(publish("https://example.com/books/999/chapters/1", "last selector"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(stream.nextUpdate(WAIT).id()).isEqualTo(id);
    }

    /**
     * One stream's client stops reading: once the client's window for that stream (16 MiB in the
     * JDK's client) is spent, its writes wait and its queue grows until the hub cuts it off, while
     * the other stream on the same connection receives every update without a pause. When the client
     * reads again, the stalled stream ends with the reconnect notice.
     */
    @Test
    void aStreamWhoseClientStopsReadingHoldsUpNoOtherStreamOnItsConnection() throws Exception {
        hub = TlsHub.start(Map.of(Setting.HEARTBEAT, "1s"));
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);
        HttpResponse<InputStream> stalled = client.send(HttpRequest.newBuilder(hub.https(".well-known/mercure?topic=slow")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stalled.version()).isEqualTo(HttpClient.Version.HTTP_2);
        RawEventStream fast = open(client, hub.https(".well-known/mercure?topic=fast"));
        assertThat(establishedConnections(hub.server().httpsPort())).isEqualTo(1);

        String big = "x".repeat(512 * 1024);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int published = 0;
        while (hub.server().application().hub().subscriberCount() > 1) {
            assertThat(System.nanoTime()).as("the stalled stream was never cut off").isLessThan(deadline);
            if (published < 200) {
                CLEARTEXT.send(publish("slow", big), HttpResponse.BodyHandlers.discarding());
                published++;
            }
            String id = CLEARTEXT.send(publish("fast", "tick " + published), HttpResponse.BodyHandlers.ofString()).body();
            RawEventStream.Event update = fast.nextUpdate(WAIT);
            assertThat(update).as("the reading stream stalled along with the other").isNotNull();
            assertThat(update.id()).isEqualTo(id);
        }
        assertThat((long) published * big.length()).as("bytes published to the stalled stream").isGreaterThan(16L << 20);
        String after = CLEARTEXT.send(publish("fast", "after the cut-off"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(fast.nextUpdate(WAIT).id()).isEqualTo(after);
        assertThat(establishedConnections(hub.server().httpsPort())).isEqualTo(1);
        try (InputStream body = stalled.body()) {
            String all = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all.substring(all.length() - 200)).contains("event: ssehub-reconnect");
        }
    }

    @Test
    void aClientThatCancelsItsStreamIsGoneWithinAHeartbeatAndItsConnectionStays() throws Exception {
        hub = TlsHub.start(Map.of(Setting.HEARTBEAT, "1s"));
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);
        RawEventStream staying = open(client, hub.https(".well-known/mercure?topic=t"));
        RawEventStream leaving = open(client, hub.https(".well-known/mercure?topic=t"));
        assertThat(hub.server().application().hub().subscriberCount()).isEqualTo(2);
        leaving.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (hub.server().application().hub().subscriberCount() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hub.server().application().hub().subscriberCount()).isEqualTo(1);
        String id = CLEARTEXT.send(publish("t", "still here"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(staying.nextUpdate(WAIT).id()).isEqualTo(id);
        assertThat(establishedConnections(hub.server().httpsPort())).isEqualTo(1);
    }

    /** Streams that end leave the connection's stream count: more come and go on it than it may hold at once. */
    @Test
    void endedStreamsFreeTheirPlaceOnTheConnection() throws Exception {
        hub = TlsHub.start(Map.of());
        HttpClient client = hub.client(HttpClient.Version.HTTP_2);
        String expiring = new TokenIssuer(TlsHub.KEY).issue(List.of(), List.of("*"), Duration.ofSeconds(1));
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<HttpResponse<String>>> ending = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ending.add(client.sendAsync(HttpRequest.newBuilder(hub.https(".well-known/mercure?topic=t"))
                        .header("Authorization", "Bearer " + expiring).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : ending) {
                assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isIn(200, 401);
            }
            expiring = new TokenIssuer(TlsHub.KEY).issue(List.of(), List.of("*"), Duration.ofSeconds(1));
        }
        RawEventStream stream = open(client, hub.https(".well-known/mercure?topic=t"));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(establishedConnections(hub.server().httpsPort())).isEqualTo(1);
    }

    private RawEventStream open(HttpClient client, URI uri, String... headers) throws InterruptedException {
        RawEventStream stream = RawEventStream.open(client, uri, headers);
        streams.add(stream);
        return stream.connected();
    }

    private HttpRequest publish(String topic, String data) {
        return publish(hub.http(".well-known/mercure"), topic, data);
    }

    private static HttpRequest publish(URI hubUri, String topic, String data) {
        return HttpRequest.newBuilder(hubUri).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                        + "&data=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                .build();
    }

    /** The server's established TCP connections on this port, from the kernel's own table. */
    static long establishedConnections(int port) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X ", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && (fields[1] + " ").endsWith(local) && fields[3].equals("01")) {
                    count++;
                }
            }
        }
        return count;
    }
}
