package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Jersey drains the broadcasters' sinks on the launcher's bounded pool, not on its own unbounded one. */
class FanOutExecutorTest extends HubTest {

    private static final int SUBSCRIBERS = 3 * FanOutExecutorProvider.THREADS;

    @Test
    void manySubscribersAreServedByTheBoundedFanOutPool() throws Exception {
        long threadsBefore = newestThreadId();
        List<RawEventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                streams.add(RawEventStream.open(URI.create(hubUri() + "?topic=fan-out")).connected());
            }
            for (int i = 0; i < 5; i++) {
                publishOk("fan-out", "update " + i);
            }
            for (RawEventStream stream : streams) {
                for (int i = 0; i < 5; i++) {
                    assertThat(stream.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("update " + i);
                }
            }
        } finally {
            for (RawEventStream stream : streams) {
                stream.close();
            }
        }
        List<String> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getId() > threadsBefore)
                .map(Thread::getName)
                .toList();
        assertThat(started).anyMatch(name -> name.startsWith("ssehub-fan-out"));
        assertThat(started).noneMatch(name -> name.startsWith("jersey-server-managed-async-executor"));
        assertThat(started.stream().filter(name -> name.startsWith("ssehub-fan-out")).count())
                .isLessThanOrEqualTo(FanOutExecutorProvider.THREADS);
    }

    private static long newestThreadId() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return threads.stream().mapToLong(Thread::getId).max().orElse(0);
    }
}
