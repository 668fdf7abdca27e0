package dev.ssehub.hub;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The sink a subscriber's broadcaster writes to: it wraps the runtime's sink to count what was
 * written (so the hub can see a subscriber falling behind) and to report the first failed write
 * (so a client that left is removed at once). Once the subscriber has left, sends throw: a sink
 * whose send throws is what makes Jersey's broadcaster unsubscribe it (a failed stage does not).
 */
final class SubscriberSink implements SseEventSink {

    private final SseEventSink delegate;
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;
    private volatile long written;

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
            written++;
            return sent;
        }
        return sent.whenComplete((ignored, failure) -> {
            if (failure == null) {
                written++;
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
