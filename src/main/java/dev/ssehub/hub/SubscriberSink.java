package dev.ssehub.hub;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The sink a subscriber's broadcaster writes to: it wraps the runtime's sink to count what was
 * written (so the hub can see a subscriber falling behind) and to report the first failed write
 * (so a client that left is removed at once). Once the subscriber has left, sends throw: a sink
 * whose send throws is what makes Jersey's broadcaster unsubscribe it (a failed stage does not).
 * Given a {@link Broadcast}, it writes every linked broadcast it has not written yet in one go.
 */
final class SubscriberSink implements SseEventSink {

    /** The most one catching-up write carries; a larger single event still goes, alone. */
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final CompletableFuture<Void> ALREADY_WRITTEN = CompletableFuture.completedFuture(null);

    private final SseEventSink delegate;
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;
    private volatile long written;
    /** The group's newest broadcast written; only the thread currently sending touches it. */
    private long writtenThrough;

    SubscriberSink(SseEventSink delegate, Consumer<Throwable> onFailure) {
        this.delegate = delegate;
        this.onFailure = onFailure;
    }

    /** Events written so far; only the thread currently sending updates it. */
    long written() {
        return written;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (closed) {
            throw new IllegalStateException("the subscriber has left");
        }
        if (event instanceof Broadcast broadcast) {
            return sendFrom(broadcast);
        }
        return write(event, 1);
    }

    /** Writes this broadcast and the ones after it, unless it already went out with an earlier one. */
    private CompletionStage<?> sendFrom(Broadcast first) {
        if (first.sequence() <= writtenThrough) {
            return ALREADY_WRITTEN;
        }
        Broadcast last = first;
        int bytes = first.size();
        List<FramedEvent> batch = null;
        for (Broadcast next = first.next(); next != null && bytes + next.size() <= MAX_BATCH_BYTES; next = next.next()) {
            if (batch == null) {
                batch = new ArrayList<>();
                batch.add(first.event());
            }
            batch.add(next.event());
            bytes += next.size();
            last = next;
        }
        writtenThrough = last.sequence();
        return batch == null ? write(first.event(), 1) : write(new FramedBatch(batch), batch.size());
    }

    private CompletionStage<?> write(OutboundSseEvent event, int events) {
        CompletionStage<?> sent;
        try {
            sent = delegate.send(event);
        } catch (RuntimeException e) {
            onFailure.accept(e);
            throw e;
        }
        // Jersey writes before it returns and answers with a completed stage: count it without
        // chaining a new stage per delivery.
        if (sent instanceof CompletableFuture<?> done && done.isDone() && !done.isCompletedExceptionally()) {
            written += events;
            return sent;
        }
        return sent.whenComplete((ignored, failure) -> {
            if (failure == null) {
                written += events;
            } else {
                onFailure.accept(failure);
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closed || delegate.isClosed();
    }

    /** Marks the subscriber gone; the broadcaster sees a closed sink from now on. */
    void markClosed() {
        closed = true;
    }

    /** Sends a last event, ignoring failure: used only on the way out. */
    void sendQuietly(OutboundSseEvent event) {
        try {
            delegate.send(event);
        } catch (RuntimeException ignored) {
            // The client is gone or going; the notice was a courtesy.
        }
    }

    /** Closes the runtime's sink. May block behind a stuck write, so never call it on the dispatcher. */
    void closeDelegate() {
        try {
            delegate.close();
        } catch (RuntimeException ignored) {
            // Already closed by the runtime, or the connection broke: either way it is closed now.
        }
    }

    /**
     * Called by the broadcaster when it gives up on this sink (or closes); the hub then removes the
     * subscriber and closes the runtime's sink itself.
     */
    @Override
    public void close() {
        if (!closed) {
            onFailure.accept(new IllegalStateException("closed by the broadcaster"));
        }
    }
}
