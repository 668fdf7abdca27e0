package dev.ssehub.hub;

import dev.ssehub.log.EventLog;
import dev.ssehub.log.LoggedUpdate;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What the hub counts, for {@code GET /metrics}. Each hub has its own registry rather than the
 * library's global one: an app server may run the application twice across a redeploy, and tests
 * start many hubs in one JVM. Counting is cheap on the dispatcher thread: deliveries are added per
 * broadcast, not per socket write.
 */
public final class HubMetrics {

    /** What became of a publish request. */
    public enum PublishOutcome {
        /** Appended to the log. */
        ACCEPTED,
        /** A retry of an update already logged: acknowledged, not appended again. */
        DUPLICATE,
        /** Refused with a 4xx: bad input, no right to publish, a conflicting id, a body too large. */
        REJECTED,
        /** Refused with a 5xx: the log cannot take updates, or the hub is stopping. */
        UNAVAILABLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double[] SELECTOR_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
    private static final double[] PUBLISH_SECONDS_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter subscribers;
    private final Histogram selectors;
    private final Counter published;
    /** Each outcome's count, looked up once rather than by its label on every publish. */
    private final Map<PublishOutcome, CounterDataPoint> publishedBy = new EnumMap<>(PublishOutcome.class);
    private final Histogram publishSeconds;
    private final Counter deliveries;
    private final Counter slowCutOff;
    private final Counter replayed;
    private final Counter refused;

    HubMetrics(IntSupplier connectedSubscribers, EventLog log) {
        GaugeWithCallback.builder().name("ssehub_subscribers_connected")
                .help("Subscribers connected to this hub now")
                .callback(callback -> callback.call(connectedSubscribers.getAsInt()))
                .register(registry);
        subscribers = Counter.builder().name("ssehub_subscribers_total")
                .help("Subscribers accepted since the hub started")
                .register(registry);
        selectors = Histogram.builder().name("ssehub_subscription_selectors")
                .help("Distinct topic selectors per accepted subscription")
                .classicOnly().classicUpperBounds(SELECTOR_BUCKETS)
                .register(registry);
        refused = Counter.builder().name("ssehub_subscribers_refused_total")
                .help("Subscriptions refused with 503 because the hub already serves SSEHUB_MAX_SUBSCRIBERS")
                .register(registry);
        published = Counter.builder().name("ssehub_updates_published_total")
                .help("Publish requests by outcome: accepted, duplicate (a retry, not appended again), rejected (4xx), unavailable (5xx)")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        for (PublishOutcome outcome : PublishOutcome.values()) {
            publishedBy.put(outcome, published.labelValues(outcome.label()));
        }
        publishSeconds = Histogram.builder().name("ssehub_publish_duration_seconds")
                .help("Time to append an update to the log, which the publisher waits for")
                .classicOnly().classicUpperBounds(PUBLISH_SECONDS_BUCKETS)
                .withoutExemplars()
                .register(registry);
        deliveries = Counter.builder().name("ssehub_deliveries_total")
                .help("Updates sent live to subscribers, one per subscriber and update; catch-up replays are counted apart")
                .register(registry);
        slowCutOff = Counter.builder().name("ssehub_slow_subscribers_cut_off_total")
                .help("Subscribers disconnected for falling too far behind")
                .register(registry);
        replayed = Counter.builder().name("ssehub_catchup_updates_replayed_total")
                .help("Updates written from the history to subscribers catching up")
                .register(registry);
        GaugeWithCallback.builder().name("ssehub_log_retained_updates")
                .help("Updates the event log keeps for reconnecting subscribers")
                .callback(callback -> callback.call(log.retainedCount()))
                .register(registry);
        if (log.storedBytes().isPresent()) {
            GaugeWithCallback.builder().name("ssehub_log_stored_bytes")
                    .help("Bytes of the event log's segment files on disk")
                    .callback(callback -> log.storedBytes().ifPresent(callback::call))
                    .register(registry);
        }
        ProcessMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
    }

    /** Every metric of this hub, for the exposition. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts a publish request the hub did not get to append: refused before or by the log. */
    public void publishFailed(PublishOutcome outcome) {
        publishedBy.get(outcome).inc();
    }

    void appended(LoggedUpdate logged, long startedNanos) {
        publishSeconds.observe((System.nanoTime() - startedNanos) / 1e9);
        publishedBy.get(logged.duplicate() ? PublishOutcome.DUPLICATE : PublishOutcome.ACCEPTED).inc();
    }

    void subscribed(int selectorCount) {
        subscribers.inc();
        selectors.observe(selectorCount);
    }

    void refused() {
        refused.inc();
    }

    void delivered(int count) {
        deliveries.inc(count);
    }

    void replayed() {
        replayed.inc();
    }

    void cutOffSlow() {
        slowCutOff.inc();
    }

    /** Drops every metric, so a stopped hub's state is not held by the library's own references. */
    void close() {
        registry.clear();
    }
}
