package dev.ssehub.subscriptions;

import dev.ssehub.log.EventLog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of this hub's connected subscribers. A change is made here before its
 * subscription event is logged, which is what makes a {@link #snapshot()} safe to resume from.
 */
public final class ActiveSubscriptions {

    private static final Comparator<ActiveSubscription> JOIN_ORDER =
            Comparator.comparing(ActiveSubscription::subscriber).thenComparing(ActiveSubscription::selector);

    private final EventLog log;
    private final Map<String, List<ActiveSubscription>> bySubscriber = new ConcurrentHashMap<>();

    public ActiveSubscriptions(EventLog log) {
        this.log = log;
    }

    /**
     * The subscriptions now, and the id of the newest logged update. The id is read first: every
     * change its events cover is then in the list, and every later event reaches a client that
     * subscribes after that id, so listing then subscribing leaves no gap.
     */
    public Snapshot snapshot() {
        String lastEventId = log.newestId();
        // Subscriber ids are UUIDv7: sorting by them lists subscribers in the order they joined, to the millisecond.
        List<ActiveSubscription> all = bySubscriber.values().stream().flatMap(List::stream).sorted(JOIN_ORDER).toList();
        return new Snapshot(lastEventId, all);
    }

    void add(String subscriber, List<ActiveSubscription> subscriptions) {
        bySubscriber.put(subscriber, subscriptions);
    }

    /** The subscriber's subscriptions, now ended; empty when it had none here. */
    List<ActiveSubscription> remove(String subscriber) {
        List<ActiveSubscription> removed = bySubscriber.remove(subscriber);
        return removed == null ? List.of() : removed;
    }

    /**
     * @param lastEventId   the newest update in the log when the list was taken, or {@code earliest}
     * @param subscriptions the active subscriptions, in the order their subscribers joined
     */
    public record Snapshot(String lastEventId, List<ActiveSubscription> subscriptions) {
    }
}
