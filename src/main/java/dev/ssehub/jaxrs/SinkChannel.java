package dev.ssehub.jaxrs;

import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * A stream through the standard JAX-RS SSE API: each write is one {@code SseEventSink.send}. A
 * runtime's {@code send} may block until the client reads (Jersey's does), so writes run on the
 * adapter's own pool, never on the hub's writer threads; the first runs on the request thread, where
 * RESTEasy commits the response and runs its filters.
 */
final class SinkChannel implements StreamChannel {

    private final SseEventSink sink;
    private final Executor sending;
    private final BooleanSupplier batchesWritten;
    private StreamEvents events;
    private boolean started;

    /** @param batchesWritten true once the runtime is known to write events with the hub's writer, which alone writes a batch */
    SinkChannel(SseEventSink sink, Executor sending, BooleanSupplier batchesWritten) {
        this.sink = sink;
        this.sending = sending;
        this.batchesWritten = batchesWritten;
    }

    @Override
    public void start(StreamHead head, StreamEvents streamEvents) {
        this.events = streamEvents;
        EventStreamHeaders.forThisThread(head);
    }

    @Override
    public void write(WriteBatch batch) {
        if (!started) {
            started = true;
            send(batch);
        } else {
            sending.execute(() -> send(batch));
        }
    }

    private void send(WriteBatch batch) {
        try {
            if (batch.count() == 1) {
                reportWhenSent(sink.send(new FrameEvent(batch.frames()[0])));
            } else if (batchesWritten.getAsBoolean()) {
                reportWhenSent(sink.send(new FrameBatchEvent(batch)));
            } else {
                CompletionStage<?> last = null;
                for (int i = 0; i < batch.count(); i++) {
                    CompletionStage<?> sent = sink.send(new FrameEvent(batch.frames()[i]));
                    sent.whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            events.closed();
                        }
                    });
                    last = sent;
                }
                reportWhenSent(last);
            }
        } catch (RuntimeException e) {
            // A sink whose client has gone refuses sends (IllegalStateException) or fails in the runtime's writer.
            events.closed();
        }
    }

    private void reportWhenSent(CompletionStage<?> sent) {
        sent.whenComplete((ignored, failure) -> {
            if (failure == null) {
                events.writable();
            } else {
                events.closed();
            }
        });
    }

    @Override
    public void end() {
        sending.execute(this::closeSink);
    }

    /** JAX-RS has no way to reset a connection: the sink is closed, which may wait behind a stuck write. */
    @Override
    public void abort() {
        sending.execute(this::closeSink);
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            // Closed already by the runtime, or the connection broke: either way it is closed now.
        }
    }
}
