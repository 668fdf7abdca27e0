package dev.ssehub.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import dev.ssehub.update.UpdateIds;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.function.BiConsumer;

/**
 * One open subscription. It joins its group in two steps: while it replays history it is
 * "joining" and live updates for it are held in {@link #pending}; once history and pending are
 * written it is registered with the group's broadcaster at exactly the next position.
 * Fields without synchronization are touched only on the dispatcher thread.
 */
final class Subscriber {

    private static final AtomicLong SERIALS = new AtomicLong();

    private final long serial = SERIALS.incrementAndGet();
    /** What the subscriptions API and subscription events call it: a {@code urn:uuid:} IRI, as the spec suggests. */
    private final String id = UpdateIds.next();
    private final GroupKey key;
    private final AtomicBoolean left = new AtomicBoolean();
    private final SubscriberSink sink;
    private volatile ScheduledFuture<?> expiry;
    /** Completed once the hub has closed this subscriber's stream after it left. */
    final CompletableFuture<Void> streamClosed = new CompletableFuture<>();

    SubscriberGroup group;
    /** Live delivery starts after this position. */
    long resumeAfter;
    /** Live updates that arrived while joining; null once registered with the broadcaster. */
    List<Pending> pending = new ArrayList<>();
    /** Broadcasts minus writes at registration: what the lag is measured from. */
    long lagBaseline;

    record Pending(long position, OutboundSseEvent event) {
    }

    Subscriber(GroupKey key, SseEventSink runtimeSink, BiConsumer<Subscriber, Throwable> onWriteFailure) {
        this.key = key;
        this.sink = new SubscriberSink(runtimeSink, failure -> onWriteFailure.accept(this, failure));
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

    SubscriberSink sink() {
        return sink;
    }

    /** How many broadcasts of its group this subscriber has not written yet. */
    long lag(long groupBroadcasts) {
        return groupBroadcasts - sink.written() - lagBaseline;
    }

    /** True for the one caller that gets to tear this subscriber down. */
    boolean markLeft() {
        if (!left.compareAndSet(false, true)) {
            return false;
        }
        sink.markClosed();
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
