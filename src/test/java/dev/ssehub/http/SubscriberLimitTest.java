package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.hub.Hub;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SSEHUB_MAX_SUBSCRIBERS: a clear 503 beyond it, and never one subscriber more, however many come at once. */
class SubscriberLimitTest extends HubTest {

    private static final int LIMIT = 3;

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.MAX_SUBSCRIBERS, Integer.toString(LIMIT));
        settings.put(Setting.HEARTBEAT, "500ms");
    }

    @Test
    void beyondTheLimitASubscriberIsAskedToComeBackLaterAndGetsInOnceAPlaceIsFree() throws Exception {
        List<RawEventStream> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                admitted.add(RawEventStream.open(streamUri()).connected());
            }
            try (Response refused = target(HUB_PATH).queryParam("topic", "t").request("text/event-stream").get()) {
                assertThat(refused.getStatus()).isEqualTo(503);
                assertThat(Integer.parseInt(refused.getHeaderString("Retry-After"))).isBetween(5, 10);
                assertThat(refused.getMediaType()).isEqualTo(Problem.MEDIA_TYPE);
                assertThat(refused.readEntity(String.class)).contains("maximum of " + LIMIT + " subscribers");
            }
            assertThat(MetricsScrape.of(getBaseUri()).value("ssehub_subscribers_refused_total")).isEqualTo(1);
            admitted.remove(0).close();
            awaitSubscribers(LIMIT - 1);
            admitted.add(RawEventStream.open(streamUri()).connected());
        } finally {
            admitted.forEach(RawEventStream::close);
        }
    }

    @Test
    void concurrentSubscribersNeverExceedTheLimit() throws Exception {
        int attempts = 24;
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RawEventStream>> opened = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            opened.add(threads.submit(() -> {
                start.await();
                return RawEventStream.open(streamUri());
            }));
        }
        start.countDown();
        List<RawEventStream> streams = new ArrayList<>();
        try {
            for (Future<RawEventStream> stream : opened) {
                streams.add(stream.get());
            }
            assertThat(streams).filteredOn(stream -> stream.status() == 200).hasSize(LIMIT);
            assertThat(streams).filteredOn(stream -> stream.status() == 503).hasSize(attempts - LIMIT);
            assertThat(hub().subscriberCount()).isEqualTo(LIMIT);
        } finally {
            streams.forEach(RawEventStream::close);
            threads.shutdownNow();
        }
    }

    private URI streamUri() {
        return URI.create(hubUri() + "?topic=t");
    }

    private Hub hub() {
        return localHub().orElseThrow();
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        MetricsScrape.awaitSample(getBaseUri(), "ssehub_subscribers_connected", value -> value == count);
    }
}
