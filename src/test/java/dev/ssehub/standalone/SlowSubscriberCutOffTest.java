package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Form;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that reads everything but falls behind because the hub as a whole does (its kernel
 * buffers nowhere near full) is cut off like a stuck one: it gets the reconnect notice, then its
 * response ends, at once. Clients that stopped reading hold every fan-out thread in a blocked write,
 * which is how an overloaded hub looks to the one subscriber, without the load. Each blocked client
 * holds about 11 MB of queued writes in the hub until it is let go.
 */
class SlowSubscriberCutOffTest extends HubTest {

    /**
     * Heartbeats are broadcasts too: at the shortest interval they add 20 a second to the lag of the
     * subscriber that falls behind, so it is cut off while the blocked writes still hold every
     * fan-out thread (Grizzly's 10 s write timeout frees them) however slowly this machine publishes.
     */
    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HEARTBEAT, "100ms");
    }

    @Test
    void aSubscriberFallingBehindUnderLoadGetsTheNoticeAndTheEndOfItsStream() throws Exception {
        List<Socket> blockers = new ArrayList<>();
        try (RawEventStream behind = RawEventStream.open(URI.create(hubUri() + "?topic=quick")).connected()) {
            for (int i = 0; i < FanOutExecutorProvider.THREADS; i++) {
                blockers.add(subscribeWithoutReading("busy"));
            }
            String payload = "x".repeat(64 * 1024);
            RawEventStream.Event notice = null;
            int round = 0;
            for (; round < 80 && notice == null; round++) {
                // Until the blockers' buffers are full these go out at once; then every fan-out thread waits on one.
                for (int i = 0; i < 8; i++) {
                    publishOk(new Form().param("topic", "busy").param("data", payload));
                }
                for (int i = 0; i < 40 && notice == null; i++) {
                    publishOk("quick", "small " + round + "/" + i);
                    notice = noticeAmong(behind);
                }
            }
            assertThat(notice).as("the reconnect notice for the subscriber that fell behind").isNotNull();
            assertThat(notice.retry()).isPositive();
            assertThat(behind.awaitEnd(Duration.ofSeconds(2))).as("its response ended after the notice").isTrue();
        } finally {
            for (Socket blocker : blockers) {
                blocker.setSoLinger(true, 0);
                blocker.close();
            }
        }
    }

    /** The notice if it has arrived, skipping the updates before it; null for now otherwise. */
    private static RawEventStream.Event noticeAmong(RawEventStream stream) throws InterruptedException {
        RawEventStream.Event event;
        while ((event = stream.next(Duration.ZERO)) != null) {
            if ("ssehub-reconnect".equals(event.type())) {
                return event;
            }
        }
        return null;
    }
}
