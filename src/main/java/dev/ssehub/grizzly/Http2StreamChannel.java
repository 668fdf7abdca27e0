package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http2.Http2Stream;
import org.glassfish.grizzly.http2.frames.ErrorCode;
import org.glassfish.grizzly.http2.frames.RstStreamFrame;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * An event stream on one stream of an HTTP/2 connection, which other streams share. The response
 * head and each batch (one DATA frame's worth or more) are written as Grizzly's own
 * {@link HttpContent} on the stream, through the filter chain from where the request was taken, as
 * Grizzly's HTTP server writes a response: its HTTP/2 filter frames them, HPACK-encodes the head,
 * and keeps what the stream's flow-control window cannot take yet in that stream's own queue. So a
 * write is done, and {@code writable()} reported, when its bytes have gone to the connection: a
 * client that stops reading one stream holds up only that stream, never the connection's others.
 *
 * <p>The request's filter-chain context is kept, suspended, while the stream lives (Grizzly's HTTP
 * server does the same for an asynchronous response): writes are made from it, and while it is
 * suspended the keep-alive idle timeout leaves the connection alone. Ending the stream completes it,
 * and so does the news that the stream or connection is gone, which may come from any thread while
 * the hub's writer writes: the context is used under this object's monitor, and not after that.
 *
 * <p>That news never waits for the monitor. Grizzly gives it from threads that hold locks of the
 * connection's HTTP/2 session (a selector closing the connection after the client's GOAWAY holds
 * the session's), and a write holding the monitor may be waiting for the same lock: so the stream
 * is reported closed at once, and the context let go on a worker thread.
 */
final class Http2StreamChannel implements ResponseChannel, CompletionHandler<WriteResult>, CloseListener<Closeable, ICloseType> {

    private final FilterChainContext context;
    private final HttpResponsePacket response;
    private final Http2Stream stream;
    private final MemoryManager memory;
    private final Connection<?> connection;
    private boolean finished;
    private volatile StreamEvents events;

    Http2StreamChannel(FilterChainContext context, HttpResponsePacket response, Http2Stream stream) {
        this.context = context;
        this.response = response;
        this.stream = stream;
        this.memory = context.getMemoryManager();
        this.connection = context.getConnection();
    }

    @Override
    public void start(StreamHead head, StreamEvents streamEvents) {
        this.events = streamEvents;
        response.setStatus(200);
        head.headers().forEach(response::addHeader);
        connection.addCloseListener(this);
        if (!connection.isOpen() || !stream.isOpen()) {
            finish();
            streamEvents.closed();
        }
    }

    @Override
    public synchronized void write(WriteBatch batch) {
        if (finished) {
            return;
        }
        byte[] bytes = batch.count() == 1 ? batch.frames()[0].bytes() : batch.toBytes();
        context.write(HttpContent.builder(response).content(Buffers.wrap(memory, bytes)).last(false).build(), this);
    }

    @Override
    public synchronized void end() {
        if (finished) {
            return;
        }
        context.write(HttpContent.builder(response).content(Buffers.EMPTY_BUFFER).last(true).build());
        finish();
    }

    /** Resets this stream alone (RST_STREAM, CANCEL): the connection goes on carrying the others. */
    @Override
    public synchronized void abort() {
        if (!finished && stream.isOpen()) {
            context.write(RstStreamFrame.builder().streamId(stream.getId()).errorCode(ErrorCode.CANCEL).build());
            stream.terminateSilently();
        }
        finish();
    }

    /** Answers the hub's refusal on this stream; the connection and its other streams go on. */
    @Override
    public synchronized void refuse(Refusal refusal) {
        byte[] body = refusal.problemJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status());
        refusal.headers().forEach(response::addHeader);
        response.setContentType(Refusal.MEDIA_TYPE);
        response.setContentLength(body.length);
        context.write(HttpContent.builder(response).content(Buffers.wrap(memory, body)).last(true).build());
        finish();
    }

    /** Tells Grizzly the response is complete, as its HTTP server does, and lets the request's context go; once. */
    private synchronized void finish() {
        if (!finished) {
            finished = true;
            connection.removeCloseListener(this);
            context.notifyDownstream(HttpServerFilter.RESPONSE_COMPLETE_EVENT);
            context.completeAndRecycle();
        }
    }

    @Override
    public void completed(WriteResult result) {
        events.writable();
    }

    /** A write fails once the client has reset the stream: that is how a client that left is found. */
    @Override
    public void failed(Throwable throwable) {
        closed();
    }

    @Override
    public void cancelled() {
        closed();
    }

    @Override
    public void updated(WriteResult result) {
        // Progress of a write split by the flow-control window: the hub waits for its completion.
    }

    /** The connection closed, taking every stream on it along. */
    @Override
    public void onClosed(Closeable closeable, ICloseType type) {
        closed();
    }

    private void closed() {
        StreamEvents listener = events;
        if (listener != null) {
            listener.closed();
        }
        try {
            connection.getTransport().getWorkerThreadPool().execute(this::finish);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: the context goes with its connection.
        }
    }
}
