package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.testing.HubProcess;
import dev.ssehub.testing.RawEventStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with thousands of streams open: the hub stops taking subscribers, closes the streams at
 * moments spread over its drain window (each after a reconnect notice), keeps publishing meanwhile,
 * and leaves every acknowledged update in the log for the next start.
 */
class GracefulShutdownTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String TOKEN = new TokenIssuer(KEY).issue(List.of("*"), List.of("*"), Duration.ofHours(1));
    private static final String TOPIC = "https://example.com/drain";
    private static final int SUBSCRIBERS = 2000;
    /** More clients that stopped reading than the hub has threads closing streams. */
    private static final int STALLED = 24;
    private static final String STALLED_TOPIC = "https://example.com/large";
    private static final int LARGE_UPDATE_BYTES = 256 * 1024;
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** Time past the window for the last close to reach the client on a busy two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    /** A uniform spread puts a fifth of the closes into each second of a 5 s window; a burst would exceed this. */
    private static final double MAX_SHARE_PER_SECOND = 0.35;

    @TempDir
    Path directory;

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
    private HubProcess process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
        clientThreads.shutdownNow();
    }

    @Test
    void aStopClosesEveryStreamSpreadOverTheWindowAndLosesNothingAcknowledged() throws Exception {
        process = startHub(0);
        CountDownLatch established = new CountDownLatch(SUBSCRIBERS);
        CountDownLatch ended = new CountDownLatch(SUBSCRIBERS);
        List<ObservedStream> streams = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            ObservedStream stream = new ObservedStream(established, ended);
            http.sendAsync(subscribeRequest().build(), HttpResponse.BodyHandlers.fromLineSubscriber(stream));
            streams.add(stream);
        }
        assertThat(established.await(60, TimeUnit.SECONDS)).as("every subscriber connected").isTrue();
        List<Socket> stalled = openStalledSubscribers();
        fillStalledSockets();

        Publisher publisher = new Publisher(process.hubUri());
        Thread publishing = new Thread(publisher, "publisher");
        publishing.start();
        publisher.awaitAcknowledged(20);

        long stoppedAt = System.nanoTime();
        process.terminate();
        awaitNotReady();
        HttpResponse<String> refused = http.send(subscribeRequest().timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        assertThat(process.awaitExit(DRAIN.plus(Duration.ofSeconds(8)))).as("the hub exits after its window").isTrue();
        publishing.join(10_000);
        assertThat(ended.await(2, TimeUnit.SECONDS)).as("every stream ended").isTrue();
        for (Socket socket : stalled) {
            socket.close();
        }

        List<Long> closedAfterMillis = new ArrayList<>();
        for (ObservedStream stream : streams) {
            assertThat(stream.noticeRetry).as("each stream got the reconnect notice with a retry").isBetween(1000L, 2000L);
            closedAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(stream.endedAt - stoppedAt));
        }
        assertThat(closedAfterMillis).allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(DRAIN.plus(SLACK).toMillis()));
        long first = closedAfterMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = closedAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(last - first).as("closes spread over the window").isGreaterThanOrEqualTo(DRAIN.toMillis() * 3 / 5);
        long[] perSecond = new long[(int) (last / 1000) + 1];
        closedAfterMillis.forEach(millis -> perSecond[(int) (millis / 1000)]++);
        for (long count : perSecond) {
            assertThat(count).as("closes in one second of the window").isLessThanOrEqualTo((long) (SUBSCRIBERS * MAX_SHARE_PER_SECOND));
        }
        assertThat(publisher.lastAcknowledgedAt - stoppedAt).as("publishing went on during the drain (it ended by %s)", publisher.endedBy)
                .isGreaterThan(DRAIN.toNanos() / 2);

        process = startHub(process.port());
        List<String> kept = replayPublished();
        List<String> acknowledged = publisher.acknowledged;
        assertThat(kept.subList(0, acknowledged.size())).containsExactlyElementsOf(acknowledged);
        assertThat(kept.size() - acknowledged.size()).as("at most the one update in flight at the end").isLessThanOrEqualTo(1);
    }

    /** Subscribers with a tiny receive buffer that never read: the hub's writes to them block. */
    private List<Socket> openStalledSubscribers() throws IOException, InterruptedException {
        List<Socket> sockets = new ArrayList<>();
        String request = "GET /.well-known/mercure?topic=" + URLEncoder.encode(STALLED_TOPIC, StandardCharsets.UTF_8) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        for (int i = 0; i < STALLED; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", process.port()));
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        return sockets;
    }

    /** Publishes large updates to the stalled subscribers only, until a write to each of them blocks. */
    private void fillStalledSockets() throws Exception {
        String data = "x".repeat(LARGE_UPDATE_BYTES);
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(process.hubUri())
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode(STALLED_TOPIC, StandardCharsets.UTF_8) + "&data=" + data))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private HubProcess startHub(int port) throws Exception {
        String[] flags = {"--jwt-key", KEY, "--transport", "file:" + directory, "--history-size", "1000000", "--drain", DRAIN.toSeconds() + "s"};
        return port == 0 ? HubProcess.start(flags) : HubProcess.start(port, flags);
    }

    private HttpRequest.Builder subscribeRequest() {
        return HttpRequest.newBuilder(URI.create(process.hubUri() + "?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream");
    }

    private void awaitNotReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(process.uri("readyz")).build(), HttpResponse.BodyHandlers.discarding());
            if (ready.statusCode() == 503) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/readyz still answers ready after SIGTERM");
    }

    private List<String> replayPublished() throws InterruptedException {
        try (RawEventStream stream = RawEventStream.open(URI.create(process.hubUri() + "?topic="
                + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8) + "&lastEventID=earliest"))) {
            List<String> ids = new ArrayList<>();
            RawEventStream.Event event;
            while ((event = stream.nextUpdate(Duration.ofSeconds(2))) != null) {
                ids.add(event.id());
            }
            return ids;
        }
    }

    /** One subscriber as its client sees it: when it opened, the reconnect notice, when it ended. */
    private static final class ObservedStream implements Flow.Subscriber<String> {

        private final CountDownLatch established;
        private final CountDownLatch ended;
        private boolean opened;
        private String type;
        private Long retry;
        volatile Long noticeRetry;
        volatile long endedAt;

        ObservedStream(CountDownLatch established, CountDownLatch ended) {
            this.established = established;
            this.ended = ended;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!opened) {
                opened = true;
                established.countDown();
            }
            if (line.isEmpty()) {
                if ("ssehub-reconnect".equals(type)) {
                    noticeRetry = retry;
                }
                type = null;
                retry = null;
            } else if (line.startsWith("event:")) {
                type = line.substring("event:".length()).strip();
            } else if (line.startsWith("retry:")) {
                retry = Long.parseLong(line.substring("retry:".length()).strip());
            }
        }

        @Override
        public void onError(Throwable failure) {
            end();
        }

        @Override
        public void onComplete() {
            end();
        }

        private void end() {
            endedAt = System.nanoTime();
            ended.countDown();
        }
    }

    /** Publishes one update after another until the hub stops answering, keeping what was acknowledged. */
    private final class Publisher implements Runnable {

        private final URI hub;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        volatile long lastAcknowledgedAt;
        /** Why publishing ended: the hub's last answer or the failure that ended it. */
        volatile String endedBy = "still publishing";

        Publisher(URI hub) {
            this.hub = hub;
        }

        @Override
        public void run() {
            for (int i = 0; ; i++) {
                HttpRequest request = HttpRequest.newBuilder(hub)
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8) + "&id=u-" + i + "&data=" + i))
                        .build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        acknowledged.add(response.body());
                        lastAcknowledgedAt = System.nanoTime();
                    } else if (response.statusCode() != 503) {
                        endedBy = "status " + response.statusCode() + ": " + response.body();
                        return;
                    }
                    Thread.sleep(5);
                } catch (IOException | InterruptedException e) {
                    endedBy = e.toString();
                    return;
                }
            }
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (acknowledged.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + acknowledged.size() + " updates acknowledged");
                }
                Thread.sleep(10);
            }
        }
    }
}
