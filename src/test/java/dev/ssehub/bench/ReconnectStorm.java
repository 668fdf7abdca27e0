package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A reconnect storm: {@code replay + 1} updates are published first, so the server's history holds
 * them; then every subscriber arrives at once, each with the {@code Last-Event-ID} of the first
 * update, so each must receive exactly the {@code replay} updates after it, no gap, no duplicate.
 * The measurement runs from the first connect until every subscriber has them all, or the timeout.
 */
final class ReconnectStorm {

    private final InetSocketAddress server;
    private final String subscribePath;
    private final Publisher publisher;
    private final int subscribers;
    private final int replay;
    private final int selectors;
    private final int maxPending;
    private final double timeoutSeconds;
    private final DriverChannel driver;

    /** {@code maxPending}: subscriptions opened but not answered yet, at most; {@code publisher} is used on this thread. */
    ReconnectStorm(InetSocketAddress server, String subscribePath, Publisher publisher, int subscribers, int replay, int selectors,
                   int maxPending, double timeoutSeconds, DriverChannel driver) {
        this.server = server;
        this.subscribePath = subscribePath;
        this.publisher = publisher;
        this.subscribers = subscribers;
        this.replay = replay;
        this.selectors = selectors;
        this.maxPending = maxPending;
        this.timeoutSeconds = timeoutSeconds;
        this.driver = driver;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subscribers", subscribers);
        result.put("slow", 0);
        result.put("storm_replay", replay);
        result.put("storm_expected", (long) subscribers * replay);

        long lastSeq = replay + 1L;
        String resumeAfter = null;
        for (long seq = 1; seq <= lastSeq; seq++) {
            if (!publisher.publish(seq)) {
                throw new IOException("publishing update " + seq + " of the history failed: " + publisher.lastError());
            }
            if (seq == 1) {
                resumeAfter = publisher.lastEventId();
            }
        }
        publisher.close();
        if (resumeAfter == null) {
            throw new IOException("the server's answer to the first publish named no event id to resume after");
        }
        result.put("published_total", lastSeq);
        result.put("resume_after", resumeAfter);
        LoadGenerator.progress("published %d updates; %d subscribers resume after %s", lastSeq, subscribers, resumeAfter);

        SubscriberPool pool = new SubscriberPool(server, LoadGenerator.request(server, subscribePath, resumeAfter), subscribers,
                selectors, 0, 0, 2, lastSeq);
        try {
            driver.markAndAwaitSample("measure_start");
            long start = System.nanoTime();
            Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            // Connects are paced by the pending bound alone (a billion a second is no pace): everyone arrives together.
            pool.connect(1e9, maxPending);
            long deadline = start + (long) (timeoutSeconds * 1e9);
            long lastProgress = start;
            GeneratorStats stats = pool.stats();
            while (System.nanoTime() < deadline) {
                stats = pool.stats();
                boolean connectingDone = stats.established + stats.connectFailed >= subscribers;
                if (connectingDone && everyOpenStreamCaughtUp(pool)) {
                    break;
                }
                if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                    lastProgress = System.nanoTime();
                    LoadGenerator.progress("  %d established, %d failed, %d caught up, %d replayed events received", stats.established,
                            stats.connectFailed, stats.caughtUp, stats.deliveries);
                }
                Thread.sleep(10);
            }
            long end = System.nanoTime();
            Duration cpuAfter = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            driver.markAndAwaitSample("measure_end");
            stats = pool.stats();
            double seconds = (end - start) / 1e9;
            result.put("storm_secs", LoadGenerator.round(seconds, 2));
            result.put("storm_timed_out", end >= deadline);
            result.put("window_secs", LoadGenerator.round(seconds, 2));
            result.put("deliveries_window", stats.deliveries);
            result.put("caught_up", stats.caughtUp);
            result.put("catch_up_p50_ms", LoadGenerator.millis(stats.catchUpMicros.percentile(0.50)));
            result.put("catch_up_p99_ms", LoadGenerator.millis(stats.catchUpMicros.percentile(0.99)));
            result.put("catch_up_max_ms", LoadGenerator.millis(stats.catchUpMicros.max()));
            result.put("gen_cpu_s", LoadGenerator.round((cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e9, 2));
            LoadGenerator.putConnectFigures(result, stats, start, subscribers);
            long[] behind = {0};
            pool.forEach(c -> {
                if (c.state == SseConnection.State.BODY && !c.caughtUp()) {
                    behind[0] += lastSeq - c.nextSeq + 1;
                }
            });
            result.put("undelivered_at_end", behind[0]);
            LoadGenerator.putStreamFigures(result, stats, pool);
            LoadGenerator.putLastErrors(result, pool);
        } finally {
            pool.close();
        }
        return result;
    }

    /** Whether every stream still open has every update it resumed for; a stream that ended or failed counts elsewhere. */
    private static boolean everyOpenStreamCaughtUp(SubscriberPool pool) {
        boolean[] all = {true};
        pool.forEach(c -> {
            if (c.state != SseConnection.State.CLOSED && !c.caughtUp()) {
                all[0] = false;
            }
        });
        return all[0];
    }
}
