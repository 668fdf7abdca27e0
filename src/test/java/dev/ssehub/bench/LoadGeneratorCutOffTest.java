package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import jakarta.ws.rs.core.Form;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real hub: a consumer that stops reading until the hub cuts it off,
 * then reads again, is counted as cut off. The hub ends such a stream with the last chunk of its
 * response and keeps the connection open for another request, so a generator that waited for the
 * socket to close counted every cut-off stream as still open.
 */
class LoadGeneratorCutOffTest extends HubTest {

    /** Small enough for the hub's writes to block after a few MB, large enough to read that back in milliseconds. */
    private static final int RECEIVE_BUFFER = 128 * 1024;
    private static final int MAX_PUBLISHES = 1500;

    private Reactor reactor;
    private Thread running;

    /**
     * Heartbeats are broadcasts too: at the shortest interval they add 20 a second to a blocked
     * subscriber's lag, so the lag check cuts it off well within Grizzly's 10 s write timeout
     * (which would close the connection instead) however slowly this machine publishes.
     */
    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HEARTBEAT, "100ms");
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        if (reactor != null) {
            reactor.stop();
            running.join(5_000);
        }
    }

    @Test
    void aConsumerCutOffForNotReadingSeesItsStreamEndOnceItReadsAgain() throws Exception {
        String request = "GET /" + HUB_PATH + "?topic=busy HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n";
        reactor = new Reactor(new InetSocketAddress("127.0.0.1", getBaseUri().getPort()),
                request.getBytes(StandardCharsets.ISO_8859_1), RECEIVE_BUFFER);
        SseConnection stuck = new SseConnection(0, true);
        reactor.assign(stuck);
        running = new Thread(reactor, "reactor-test");
        running.setDaemon(true);
        running.start();
        reactor.startConnecting(100, 1);
        awaitReactor(r -> r.stats.established == 1, Duration.ofSeconds(5));
        awaitSubscribers(1, Duration.ofSeconds(2));

        int published = 0;
        while (cutOffs() < 1 && published < MAX_PUBLISHES) {
            published++;
            publishOk(new Form().param("topic", "busy").param("data", Publisher.data(published, 64 * 1024)));
        }
        assertThat(cutOffs()).as("cut-offs after %d updates the consumer did not read", published).isEqualTo(1);

        reactor.drainSlow();
        awaitReactor(r -> stuck.state == SseConnection.State.CLOSED, Duration.ofSeconds(5));
        reactor.inspect(r -> {
            assertThat(stuck.state).as("the consumer's stream, 5 s after it read again").isEqualTo(SseConnection.State.CLOSED);
            assertThat(r.stats.slowClosed).isEqualTo(1);
            assertThat(stuck.sawNotice).as("the reconnect notice before the end").isTrue();
            assertThat(stuck.received).isPositive();
        });
    }

    private long cutOffs() {
        return (long) MetricsScrape.of(getBaseUri()).value("ssehub_slow_subscribers_cut_off_total");
    }

    private boolean awaitReactor(Predicate<Reactor> condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        boolean[] met = {false};
        while (true) {
            reactor.inspect(r -> met[0] = condition.test(r));
            if (met[0] || System.nanoTime() > deadline) {
                return met[0];
            }
            Thread.sleep(10);
        }
    }

    private void awaitSubscribers(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (localHub().orElseThrow().subscriberCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(localHub().orElseThrow().subscriberCount()).isEqualTo(count);
    }
}
