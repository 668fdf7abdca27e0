package dev.ssehub.hub;

import dev.ssehub.update.Update;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscribers with the same {@link GroupKey}: one broadcaster, one match per update. Used only on
 * the dispatcher thread.
 */
final class SubscriberGroup {

    private static final Logger LOG = Logger.getLogger(SubscriberGroup.class.getName());

    /**
     * A subscriber this many events behind is cut off. It stays below the broadcaster's per-sink
     * buffer (256 on Jersey, whose broadcast misbehaves when a buffer is full: jersey issue 4551),
     * counting the broadcasts that may pass between two checks.
     */
    static final int MAX_LAG = 160;
    private static final int LAG_CHECK_INTERVAL = 32;

    /** A subscriber still replaying history when this many live updates are held for it is cut off. */
    private static final int MAX_PENDING = 4 * MAX_LAG;

    private final GroupKey key;
    private final SseBroadcaster broadcaster;
    private final BooleanSupplier linkBroadcasts;
    private final Set<Subscriber> live = new LinkedHashSet<>();
    private final Set<Subscriber> joining = new LinkedHashSet<>();
    private long broadcasts;
    private long lastPosition;
    private long failedBroadcasts;
    /** The newest linked broadcast, which the next one is linked to. */
    private Broadcast newest;

    /**
     * A group whose broadcasts are linked into {@link Broadcast}s, so that members catch up in
     * batches, whenever {@code linkBroadcasts} says the runtime's writer can take a batch.
     */
    SubscriberGroup(GroupKey key, SseBroadcaster broadcaster, BooleanSupplier linkBroadcasts) {
        this.key = key;
        this.broadcaster = broadcaster;
        this.linkBroadcasts = linkBroadcasts;
    }

    GroupKey key() {
        return key;
    }

    boolean accepts(Update update) {
        return key.accepts(update);
    }

    /** False when this position was already delivered: a group can be found through several topics. */
    boolean firstVisit(long position) {
        if (position == lastPosition) {
            return false;
        }
        lastPosition = position;
        return true;
    }

    void addJoining(Subscriber subscriber) {
        subscriber.group = this;
        joining.add(subscriber);
    }

    void promote(Subscriber subscriber) {
        joining.remove(subscriber);
        subscriber.pending = null;
        subscriber.lagBaseline = broadcasts - subscriber.sink().written();
        live.add(subscriber);
        broadcaster.register(subscriber.sink());
    }

    void remove(Subscriber subscriber) {
        joining.remove(subscriber);
        live.remove(subscriber);
    }

    void forEachMember(Consumer<Subscriber> action) {
        List<Subscriber> members = new ArrayList<>(live);
        members.addAll(joining);
        members.forEach(action);
    }

    int liveCount() {
        return live.size();
    }

    boolean isEmpty() {
        return live.isEmpty() && joining.isEmpty();
    }

    void deliver(long position, OutboundSseEvent event, Consumer<Subscriber> cutOff) {
        broadcast(event, cutOff);
        List<Subscriber> overflowing = new ArrayList<>();
        for (Subscriber subscriber : joining) {
            subscriber.pending.add(new Subscriber.Pending(position, event));
            if (subscriber.pending.size() > MAX_PENDING) {
                overflowing.add(subscriber);
            }
        }
        overflowing.forEach(cutOff);
    }

    void heartbeat(OutboundSseEvent event, Consumer<Subscriber> cutOff) {
        broadcast(event, cutOff);
    }

    /** Closes the broadcaster; the hub closes the members' connections itself. */
    void close() {
        broadcaster.close();
    }

    private void broadcast(OutboundSseEvent event, Consumer<Subscriber> cutOff) {
        if (live.isEmpty()) {
            return;
        }
        if (++broadcasts % LAG_CHECK_INTERVAL == 0) {
            cutOffLaggards(cutOff);
        }
        try {
            broadcaster.broadcast(linkBroadcasts.getAsBoolean() ? linked(event) : event);
        } catch (RuntimeException e) {
            // Jersey throws here for a sink whose buffer is full (jersey issue 4551) after the other
            // sinks got the event, and keeps throwing until that sink's stuck write times out. The
            // publisher must not see it; one line per group and power of two keeps the log readable.
            if (Long.bitCount(++failedBroadcasts) == 1) {
                LOG.log(Level.WARNING, "event=broadcast_failed group_size=" + live.size() + " failures=" + failedBroadcasts + " error=" + e);
            }
        }
    }

    private Broadcast linked(OutboundSseEvent event) {
        Broadcast broadcast = new Broadcast(broadcasts, FramedEvent.of(event));
        if (newest != null) {
            newest.link(broadcast);
        }
        newest = broadcast;
        return broadcast;
    }

    private void cutOffLaggards(Consumer<Subscriber> cutOff) {
        List<Subscriber> laggards = new ArrayList<>();
        for (Subscriber subscriber : live) {
            if (subscriber.lag(broadcasts) > MAX_LAG) {
                laggards.add(subscriber);
            }
        }
        laggards.forEach(cutOff);
    }
}
