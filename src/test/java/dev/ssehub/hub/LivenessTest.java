package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.RawHttpConnection;
import jakarta.ws.rs.core.Form;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What only the hub's own JVM can see: a gone client removed, a stuck one cut off. */
class LivenessTest extends HubTest {

    private static final Duration HEARTBEAT = HeartbeatTest.HEARTBEAT;

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HEARTBEAT, HEARTBEAT.toMillis() + "ms");
    }

    @Test
    void aClientThatLeftIsRemovedWithinOneHeartbeat() throws Exception {
        for (boolean abortive : List.of(false, true)) {
            try (Socket client = subscribeWithoutReading("quiet")) {
                readUntil(client.getInputStream(), ": \n");
                awaitSubscribers(1, Duration.ofSeconds(2));
                if (abortive) {
                    client.setSoLinger(true, 0);
                }
            }
            long left = System.nanoTime();
            awaitSubscribers(0, HEARTBEAT.plusMillis(600));
            assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(HEARTBEAT.plusMillis(600));
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsCutOffWhileOthersGetEverythingAndCanCatchUpLater() throws Exception {
        String payload = "x".repeat(64 * 1024);
        try (Socket stuck = subscribeWithoutReading("busy");
             RawEventStream healthy = RawEventStream.open(URI.create(hubUri() + "?topic=busy"))) {
            awaitSubscribers(2, Duration.ofSeconds(2));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ids.add(publishOk(new Form().param("topic", "busy").param("data", payload)));
            }
            for (String id : ids) {
                RawEventStream.Event event = healthy.nextUpdate(Duration.ofSeconds(10));
                assertThat(event).isNotNull();
                assertThat(event.id()).isEqualTo(id);
            }
            awaitSubscribers(1, Duration.ofSeconds(10));
            assertThat(MetricsScrape.of(getBaseUri()).value("ssehub_slow_subscribers_cut_off_total")).isEqualTo(1);
            try (RawEventStream resumed = RawEventStream.open(URI.create(hubUri() + "?topic=busy"), "Last-Event-ID", ids.get(0))) {
                for (String id : ids.subList(1, ids.size())) {
                    assertThat(resumed.nextUpdate(Duration.ofSeconds(10)).id()).isEqualTo(id);
                }
            }
        }
    }

    @Test
    void aSubscriberThatStopsReadingWithoutFillingItsQueueIsCutOffAfterTheStallLimitWithTheReconnectNotice() throws Exception {
        String payload = "y".repeat(64 * 1024);
        try (RawHttpConnection stuck = RawHttpConnection.open(getBaseUri(), Hub.STALL_LIMIT.multipliedBy(3), 4096)) {
            stuck.send(("GET /" + HUB_PATH + "?topic=stalled HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            awaitSubscribers(1, Duration.ofSeconds(2));
            long firstPublish = System.nanoTime();
            // Far more than a 4 KiB window and the server's socket hold, far less than the queue's
            // bound in bytes or frames: only the time its write has waited can end this stream.
            int published = 96;
            for (int i = 0; i < published; i++) {
                publishOk(new Form().param("topic", "stalled").param("data", payload));
            }
            assertThat(published * (long) payload.length()).isLessThan(Hub.MAX_QUEUED_BYTES);
            awaitSubscribers(0, Hub.STALL_LIMIT.plus(Hub.STALL_CHECK.multipliedBy(3)));
            assertThat(Duration.ofNanos(System.nanoTime() - firstPublish)).isGreaterThanOrEqualTo(Hub.STALL_LIMIT);
            assertThat(MetricsScrape.of(getBaseUri()).value("ssehub_slow_subscribers_cut_off_total")).isEqualTo(1);

            String stream = stuck.answerToItsEnd().bodyText();
            assertThat(stream).startsWith(":");
            // Blank lines past an event's end dispatch nothing; Jersey's SseEventSink writes one more.
            assertThat(stream).as("the stream's last event").containsPattern("\nevent: ssehub-reconnect\nretry: \\d+\ndata: too slow\n\n+\\z");
        }
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("stream ended before '" + marker + "': " + seen);
            }
            seen.append((char) next);
        }
    }

    private Hub hub() {
        return localHub().orElseThrow();
    }

    private void awaitSubscribers(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (hub().subscriberCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(hub().subscriberCount()).isEqualTo(count);
    }
}
