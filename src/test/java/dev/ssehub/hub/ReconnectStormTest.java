package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReconnectStormTest extends HubTest {

    /**
     * Four publishers post continuously while twenty subscribers keep dropping their connection
     * and resuming with the last id they saw: every subscriber must end up with every update,
     * once each, in one order that is the same for all.
     */
    @Test
    void subscribersThatKeepReconnectingWhilePublishersPostMissNothingAndSeeNothingTwice() throws Exception {
        int publishers = 4;
        int perPublisher = updatesPerPublisher();
        int subscribers = 20;
        List<String> published = new CopyOnWriteArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(publishers + subscribers);
        List<Future<List<String>>> received = new ArrayList<>();
        String firstId = publishOk("storm", "start");
        for (int s = 0; s < subscribers; s++) {
            received.add(pool.submit(() -> resumeUntilQuiet(firstId, publishing)));
        }
        List<Future<?>> posting = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            posting.add(pool.submit(() -> {
                for (int i = 0; i < perPublisher; i++) {
                    published.add(publishOk("storm", publisher + "-" + i));
                    if (i % 10 == 0) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : posting) {
            done.get(60, TimeUnit.SECONDS);
        }
        publishing.set(false);
        List<List<String>> streams = new ArrayList<>();
        for (Future<List<String>> stream : received) {
            streams.add(stream.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(published).hasSize(publishers * perPublisher);
        List<String> order = streams.get(0);
        for (List<String> stream : streams) {
            assertThat(stream).doesNotHaveDuplicates();
            assertThat(stream).containsExactlyInAnyOrderElementsOf(published);
            assertThat(stream).isEqualTo(order);
        }
    }

    /** Kept below the hub's history, so that a resume never asks for an update the history dropped. */
    protected int updatesPerPublisher() {
        return 150;
    }

    /** Reads until publishing stopped and nothing new came for a while, reconnecting every few events. */
    private List<String> resumeUntilQuiet(String afterId, AtomicBoolean publishing) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        String last = afterId;
        while (true) {
            int readThisTime = 1 + ThreadLocalRandom.current().nextInt(25);
            try (RawEventStream stream = RawEventStream.open(topic("storm"), "Last-Event-ID", last)) {
                for (int i = 0; i < readThisTime; i++) {
                    RawEventStream.Event event = stream.nextUpdate(Duration.ofMillis(publishing.get() ? 2000 : 500));
                    if (event == null) {
                        if (!publishing.get()) {
                            return seen;
                        }
                        break;
                    }
                    seen.add(event.id());
                    last = event.id();
                }
            }
        }
    }

    private URI topic(String topic) {
        return URI.create(hubUri() + "?topic=" + topic);
    }
}
