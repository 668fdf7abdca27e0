package dev.ssehub.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing alone, as fast as the target answers: each publisher has its own keep-alive
 * connection and sends its next update as soon as the previous one is answered (a closed loop, so
 * the rate is what the target sustains at that many concurrent publishers). Ids are left to the
 * target. The first {@code warmup} answers make the target's code hot; then the driver may keep
 * the publishers going until the target's JIT has caught up ({@code warmed_up}, with {@code sync});
 * the window then spans the next {@code measured} answers and is framed by the driver's samples of
 * the target, so that its CPU and the publishes counted cover the same time.
 */
final class PublishLoad {

    private final InetSocketAddress server;
    private final String path;
    private final PublishFormat format;
    private final String token;
    private final String topic;
    private final int payload;
    private final int publishers;
    private final long warmup;
    private final long measured;
    private final Duration timeout;

    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean stop;

    PublishLoad(InetSocketAddress server, String path, PublishFormat format, String token, String topic, int payload,
                int publishers, long warmup, long measured, Duration timeout) {
        this.server = server;
        this.path = path;
        this.format = format;
        this.token = token;
        this.topic = topic;
        this.payload = payload;
        this.publishers = publishers;
        this.warmup = warmup;
        this.measured = measured;
        this.timeout = timeout;
    }

    Map<String, Object> run(DriverChannel driver) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Publisher> clients = new ArrayList<>();
        List<LatencyHistogram> windows = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            Publisher client = new Publisher(server, path, format, token, topic, null, 1, payload);
            LatencyHistogram window = new LatencyHistogram();
            clients.add(client);
            windows.add(window);
            Thread thread = new Thread(() -> publishUntilStopped(client, window), "publisher-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        LoadGenerator.progress("%d publisher(s), each on its own connection: %d publishes to warm up, then %d measured",
                publishers, warmup, measured);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("publishers", publishers);
        result.put("payload", payload);
        threads.forEach(Thread::start);
        boolean timedOut = false;
        try {
            timedOut = !awaitAnswered(warmup, deadline);
            driver.markAndAwaitSample("warmed_up");
            Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            measuring = true;
            long[] start = sample(driver, "measure_start");
            timedOut = timedOut || !awaitAnswered(start[1] + measured, deadline);
            long[] end = sample(driver, "measure_end");
            measuring = false;
            Duration cpuAfter = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            double windowSecs = (end[0] - start[0]) / 1e9;
            long inWindow = end[1] - start[1];
            result.put("window_secs", LoadGenerator.round(windowSecs, 3));
            result.put("published_window", inWindow);
            result.put("publish_rate", LoadGenerator.round(inWindow / windowSecs, 1));
            result.put("gen_cpu_s", LoadGenerator.round((cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e9, 2));
        } finally {
            stop = true;
            for (Thread thread : threads) {
                thread.join(15_000);
            }
        }
        LatencyHistogram all = new LatencyHistogram();
        windows.forEach(all::add);
        long failed = 0;
        long givenUp = 0;
        String lastError = null;
        for (Publisher client : clients) {
            failed += client.failedRequests();
            givenUp += client.givenUp();
            lastError = client.lastError() != null ? client.lastError() : lastError;
        }
        result.put("pub_p50_ms", LoadGenerator.millis(all.percentile(0.50)));
        result.put("pub_p99_ms", LoadGenerator.millis(all.percentile(0.99)));
        result.put("pub_p999_ms", LoadGenerator.millis(all.percentile(0.999)));
        result.put("pub_max_ms", LoadGenerator.millis(all.max()));
        result.put("pub_failed_requests", failed);
        result.put("pub_given_up", givenUp);
        result.put("published_total", sequence.get());
        result.put("publish_timed_out", timedOut);
        if (lastError != null) {
            result.put("pub_last_error", lastError);
        }
        return result;
    }

    private void publishUntilStopped(Publisher client, LatencyHistogram window) {
        try {
            while (!stop) {
                long began = System.nanoTime();
                client.publish(sequence.incrementAndGet());
                long micros = (System.nanoTime() - began) / 1000;
                if (measuring) {
                    window.record(micros);
                }
                answered.incrementAndGet();
            }
        } finally {
            client.close();
        }
    }

    /**
     * The time and the count of answers when the driver is told to sample the target. It reads the
     * target's CPU as soon as the mark arrives, at both ends alike, and only then does slower work
     * (jcmd) before it acknowledges, while publishing goes on.
     */
    private long[] sample(DriverChannel driver, String mark) throws Exception {
        long[] at = {System.nanoTime(), answered.get()};
        driver.markAndAwaitSample(mark);
        return at;
    }

    /** Waits until that many publishes have been answered; false when the deadline passed first. */
    private boolean awaitAnswered(long count, long deadline) throws InterruptedException {
        while (answered.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
