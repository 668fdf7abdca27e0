package dev.ssehub.subscriptions;

import dev.ssehub.auth.Claims;
import dev.ssehub.hub.SubscriberObserver;
import dev.ssehub.log.EventLog;
import dev.ssehub.topic.SelectorSet;
import dev.ssehub.update.Update;
import dev.ssehub.update.UpdateIds;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@link ActiveSubscriptions} up to date and publishes the spec's subscription events: when a
 * subscriber joins and when it leaves, one private update per subscription, whose topic is the
 * subscription's id. They are appended to the log like any update, so they reach every hub that
 * shares it, are kept in the history and can be resumed from.
 *
 * <p>The hub tells of joins and leaves on its own threads, the dispatcher's among them, and an
 * append can wait for a disk or for Redis: events are appended by a thread of their own, one
 * after another, so a subscriber's end is never logged before its start.
 */
public final class SubscriptionEvents implements SubscriberObserver, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SubscriptionEvents.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 2;

    private final EventLog log;
    private final ActiveSubscriptions subscriptions;
    private final ExecutorService appender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssehub-subscription-events");
        thread.setDaemon(true);
        return thread;
    });

    public SubscriptionEvents(EventLog log, ActiveSubscriptions subscriptions) {
        this.log = log;
        this.subscriptions = subscriptions;
    }

    @Override
    public void joined(String subscriberId, SelectorSet selectors, Claims claims) {
        List<ActiveSubscription> started = ActiveSubscription.of(subscriberId, selectors, claims);
        subscriptions.add(subscriberId, started);
        publish(started, true);
    }

    @Override
    public void left(String subscriberId) {
        publish(subscriptions.remove(subscriberId), false);
    }

    private void publish(List<ActiveSubscription> changed, boolean active) {
        if (changed.isEmpty()) {
            return;
        }
        try {
            appender.execute(() -> changed.forEach(subscription -> append(subscription, active)));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "event=subscription_events_dropped reason=closed count=" + changed.size());
        }
    }

    private void append(ActiveSubscription subscription, boolean active) {
        String data = subscription.document(active).build().toString();
        try {
            log.append(new Update(UpdateIds.next(), List.of(subscription.id()), data, true, null, null));
        } catch (RuntimeException e) {
            // A log that is closing, or whose store is gone, says so itself; one lost event is then detail.
            // Only the exception's kind: a Redis message names the URL, which may carry a password.
            Level level = log.isReady() ? Level.WARNING : Level.FINE;
            LOG.log(level, () -> "event=subscription_event_lost subscription=" + subscription.id() + " active=" + active
                    + " error=" + e.getClass().getSimpleName());
        }
    }

    /**
     * Gives the events of the subscribers that left while the hub closed a moment to reach the
     * log, then drops the rest: closing never waits long for a log that is going away.
     */
    @Override
    public void close() {
        appender.shutdown();
        try {
            if (!appender.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                appender.shutdownNow();
            }
        } catch (InterruptedException e) {
            appender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
