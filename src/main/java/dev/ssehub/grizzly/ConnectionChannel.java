package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;

/**
 * An event stream written as bytes straight to a Grizzly connection with its non-blocking, queued
 * writes: the response head, then each batch as one HTTP/1.1 chunk (an HTTP/1.0 client gets the
 * body unchunked, ended by the close). The connection is closed when the stream ends: an
 * {@code EventSource} reconnects on a new one anyway. All a stream keeps here is the connection.
 */
final class ConnectionChannel implements StreamChannel, CompletionHandler<WriteResult<Buffer, SocketAddress>>, CloseListener<Closeable, ICloseType> {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Connection<SocketAddress> connection;
    private final boolean chunked;
    private volatile StreamEvents events;
    /** The response head until the first write carries it. */
    private byte[] head;

    ConnectionChannel(Connection<SocketAddress> connection, boolean chunked) {
        this.connection = connection;
        this.chunked = chunked;
    }

    @Override
    public void start(StreamHead streamHead, StreamEvents streamEvents) {
        this.events = streamEvents;
        this.head = head(200, streamHead.headers(), chunked ? "Transfer-Encoding: chunked" : "Connection: close");
        connection.addCloseListener(this);
        if (!connection.isOpen()) {
            streamEvents.closed();
        }
    }

    @Override
    public void write(WriteBatch batch) {
        byte[] prefix = head == null ? new byte[0] : head;
        head = null;
        byte[] size = chunked ? (Integer.toHexString(batch.bytes()) + "\r\n").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] bytes = new byte[prefix.length + size.length + batch.bytes() + (chunked ? CRLF.length : 0)];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(size, 0, bytes, prefix.length, size.length);
        int end = batch.copyTo(bytes, prefix.length + size.length);
        if (chunked) {
            System.arraycopy(CRLF, 0, bytes, end, CRLF.length);
        }
        connection.write(Buffers.wrap(connection.getMemoryManager(), bytes), this);
    }

    @Override
    public void end() {
        if (chunked) {
            connection.write(Buffers.wrap(connection.getMemoryManager(), LAST_CHUNK));
        }
        // Graceful: the connection closes once every queued write has gone out.
        connection.closeSilently();
    }

    @Override
    public void abort() {
        connection.terminateSilently();
    }

    /** Answers a request the hub refused, then closes the connection: nothing else was sent on it. */
    void refuse(Refusal refusal) {
        byte[] body = refusal.problemJson().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.LinkedHashMap<>(refusal.headers());
        headers.put("Content-Type", Refusal.MEDIA_TYPE);
        headers.put("Content-Length", Integer.toString(body.length));
        byte[] top = head(refusal.status(), headers, "Connection: close");
        byte[] bytes = new byte[top.length + body.length];
        System.arraycopy(top, 0, bytes, 0, top.length);
        System.arraycopy(body, 0, bytes, top.length, body.length);
        connection.write(Buffers.wrap(connection.getMemoryManager(), bytes));
        connection.closeSilently();
    }

    private static byte[] head(int status, Map<String, String> headers, String framing) {
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(Refusal.title(status)).append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.append(framing).append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void completed(WriteResult<Buffer, SocketAddress> result) {
        events.writable();
    }

    @Override
    public void failed(Throwable throwable) {
        events.closed();
    }

    @Override
    public void cancelled() {
        events.closed();
    }

    @Override
    public void updated(WriteResult<Buffer, SocketAddress> result) {
        // Progress of a partial write: the hub waits for its completion.
    }

    @Override
    public void onClosed(Closeable closeable, ICloseType type) {
        StreamEvents listener = events;
        if (listener != null) {
            listener.closed();
        }
    }
}
