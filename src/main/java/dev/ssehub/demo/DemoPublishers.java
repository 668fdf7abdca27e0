package dev.ssehub.demo;

import dev.ssehub.hub.Hub;
import dev.ssehub.update.Update;
import dev.ssehub.update.UpdateIds;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Feeds the demo page: a counter and the server clock every second, a price ticker twice a second.
 * A scheduled task that throws is never run again, so a failed publish (the log unreachable for a
 * while) is caught: the demo goes on at the next tick, and the outage is logged once.
 */
public final class DemoPublishers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoPublishers.class.getName());

    public static final String COUNTER = "demo/counter";
    public static final String CLOCK = "demo/clock";
    public static final String TICKER = "demo/ticker";
    public static final String NOTIFICATIONS = "demo/notifications";

    private final Hub hub;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssehub-demo");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong counter = new AtomicLong();
    private double price = 100.0;
    private boolean failing;

    public DemoPublishers(Hub hub) {
        this.hub = hub;
    }

    public void start() {
        timer.scheduleAtFixedRate(() -> guarded(this::tick), 0, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> guarded(this::ticker), 0, 500, TimeUnit.MILLISECONDS);
    }

    /** Runs on the timer's one thread, so {@link #failing} needs no lock. */
    private void guarded(Runnable publishing) {
        try {
            publishing.run();
            if (failing) {
                failing = false;
                LOG.info("event=demo_resumed");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning("event=demo_paused error=" + e);
            }
        }
    }

    private void tick() {
        publish(COUNTER, "{\"counter\":" + counter.incrementAndGet() + "}");
        publish(CLOCK, "{\"time\":\"" + Instant.now() + "\"}");
    }

    private void ticker() {
        price = Math.max(1, price * (1 + ThreadLocalRandom.current().nextGaussian() * 0.004));
        publish(TICKER, String.format(Locale.ROOT, "{\"symbol\":\"SSE\",\"price\":%.2f,\"at\":%d}", price, System.currentTimeMillis()));
    }

    private void publish(String topic, String data) {
        hub.publish(new Update(UpdateIds.next(), List.of(topic), data, false, null, null));
    }

    /** Lets a publish in flight finish rather than interrupt it, which would read as an outage. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
