package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The subscriber connections of one load generator, spread over its selector threads
 * ({@link Reactor}): opening them, a consistent view of what they saw, closing them.
 */
final class SubscriberPool implements AutoCloseable {

    private final List<Reactor> reactors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int size;
    private final int slow;

    /**
     * {@code slowFraction} of the subscribers, spread evenly, read their response head and then
     * nothing; each subscriber expects the updates from {@code firstSeq} on and has caught up past
     * {@code lastExpectedSeq}.
     */
    SubscriberPool(InetSocketAddress server, byte[] request, int size, int selectors, double slowFraction, int slowReceiveBuffer,
                   long firstSeq, long lastExpectedSeq) throws IOException {
        this.size = size;
        for (int i = 0; i < selectors; i++) {
            reactors.add(new Reactor(server, request, slowReceiveBuffer));
        }
        int slowCount = (int) Math.round(size * slowFraction);
        int slowEvery = slowCount == 0 ? Integer.MAX_VALUE : Math.max(1, size / slowCount);
        int slowAssigned = 0;
        for (int i = 0; i < size; i++) {
            boolean isSlow = slowAssigned < slowCount && i % slowEvery == slowEvery / 2;
            if (isSlow) {
                slowAssigned++;
            }
            reactors.get(i % selectors).assign(new SseConnection(i, isSlow, firstSeq, lastExpectedSeq));
        }
        this.slow = slowAssigned;
        for (int i = 0; i < reactors.size(); i++) {
            Thread thread = new Thread(reactors.get(i), "reactor-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    int slow() {
        return slow;
    }

    /** Opens every connection at up to {@code rate} a second, with at most {@code maxInFlight} unanswered at once. */
    void connect(double rate, int maxInFlight) {
        for (Reactor reactor : reactors) {
            reactor.startConnecting(rate / reactors.size(), Math.max(1, maxInFlight / reactors.size()));
        }
    }

    /** Waits until every connection has its response or failed, or the timeout passed; reports progress every 2 s. */
    GeneratorStats awaitConnected(long deadlineNanos, Consumer<GeneratorStats> progress) throws InterruptedException {
        long lastProgress = System.nanoTime();
        while (true) {
            GeneratorStats stats = stats();
            if (stats.established + stats.connectFailed >= size || System.nanoTime() > deadlineNanos) {
                return stats;
            }
            if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                lastProgress = System.nanoTime();
                progress.accept(stats);
            }
            Thread.sleep(20);
        }
    }

    void windowStart(long micros) {
        reactors.forEach(r -> r.windowStartMicros = micros);
    }

    void windowEnd(long micros) {
        reactors.forEach(r -> r.windowEndMicros = micros);
    }

    /** What every selector thread has seen so far, merged. */
    GeneratorStats stats() {
        GeneratorStats total = new GeneratorStats();
        for (Reactor reactor : reactors) {
            reactor.inspect(r -> total.add(r.stats));
        }
        return total;
    }

    /** Visits every connection, each while its selector thread stands still. */
    void forEach(Consumer<SseConnection> action) {
        for (Reactor reactor : reactors) {
            reactor.inspect(r -> r.connections().forEach(action));
        }
    }

    /** Lets the slow consumers read again. */
    void drainSlow() {
        reactors.forEach(Reactor::drainSlow);
    }

    /** The last connect and read errors any selector thread saw, null where none. */
    String[] lastErrors() {
        String[] last = new String[2];
        for (Reactor reactor : reactors) {
            reactor.inspect(r -> {
                last[0] = r.lastConnectError != null ? r.lastConnectError : last[0];
                last[1] = r.lastReadError != null ? r.lastReadError : last[1];
            });
        }
        return last;
    }

    @Override
    public void close() throws InterruptedException {
        reactors.forEach(Reactor::closeAll);
        Thread.sleep(200);
        reactors.forEach(Reactor::stop);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
