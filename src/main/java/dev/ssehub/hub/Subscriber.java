package dev.ssehub.hub;

import dev.ssehub.stream.Outbound;
import dev.ssehub.update.UpdateIds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One open subscription: its selectors and rights, its outbound queue, and whether it has left. */
final class Subscriber {

    private static final AtomicLong SERIALS = new AtomicLong();

    private final long serial = SERIALS.incrementAndGet();
    /** What the subscriptions API and subscription events call it: a {@code urn:uuid:} IRI, as the spec suggests. */
    private final String id = UpdateIds.next();
    private final GroupKey key;
    private final AtomicBoolean left = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private Outbound outbound;
    private volatile ScheduledFuture<?> expiry;

    Subscriber(GroupKey key) {
        this.key = key;
    }

    long serial() {
        return serial;
    }

    String id() {
        return id;
    }

    GroupKey key() {
        return key;
    }

    Outbound outbound() {
        return outbound;
    }

    /** Set once, right after construction: the queue's callbacks need the subscriber. */
    void attach(Outbound queue) {
        this.outbound = queue;
    }

    /** Completed once the stream is over, whichever way it ended. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** True for the one caller that gets to tear this subscriber down. */
    boolean markLeft() {
        if (!left.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        return true;
    }

    boolean hasLeft() {
        return left.get();
    }

    void expireWith(ScheduledFuture<?> scheduled) {
        this.expiry = scheduled;
    }
}
