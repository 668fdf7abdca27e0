package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import dev.ssehub.stream.Frame;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.Writer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * An HTTP/1.x event stream written as bytes to a Grizzly connection with its non-blocking, queued
 * writes: the response head, then each batch as one HTTP/1.1 chunk (an HTTP/1.0 client gets the
 * body unchunked, ended by the close). The connection is closed when the stream ends: an
 * {@code EventSource} reconnects on a new one anyway. All a stream keeps here is the connection.
 *
 * <p>On a plain connection a write goes straight to the socket: no filter has anything to do with
 * it, and passing every filter, with Grizzly's buffer and queue objects, cost more than the write
 * itself. Only what the socket cannot take at once goes to Grizzly's write queue, which reports
 * when it has gone out; no write is tried meanwhile, so the bytes keep their order. On a TLS
 * connection the bytes must be encrypted, so every write goes through the filter chain, whose TLS
 * filter encrypts it and hands it to the same queue.
 */
final class ConnectionChannel implements ResponseChannel, CompletionHandler<WriteResult<WritableMessage, SocketAddress>>,
        CloseListener<Closeable, ICloseType> {

    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Function<Frame, byte[]> CHUNK = ConnectionChannel::chunk;

    private final Connection<SocketAddress> connection;
    private final SocketChannel socket;
    private final Writer<SocketAddress> writer;
    private final boolean chunked;
    private final boolean secure;
    private volatile StreamEvents events;
    /** The response head until the first write carries it. */
    private byte[] head;

    @SuppressWarnings("unchecked")
    ConnectionChannel(Connection<SocketAddress> connection, boolean chunked, boolean secure) {
        this.connection = connection;
        this.socket = (SocketChannel) ((NIOConnection) connection).getChannel();
        this.writer = connection.getTransport().getWriter(connection);
        this.chunked = chunked;
        this.secure = secure;
    }

    @Override
    public void start(StreamHead streamHead, StreamEvents streamEvents) {
        this.events = streamEvents;
        // Said at the start, so that no client puts the connection back in its pool when the stream ends.
        this.head = head(200, streamHead.headers(), chunked ? "Transfer-Encoding: chunked\r\nConnection: close" : "Connection: close");
        connection.addCloseListener(this);
        if (!connection.isOpen()) {
            streamEvents.closed();
        }
    }

    @Override
    public void write(WriteBatch batch) {
        byte[] bytes;
        if (head == null && batch.count() == 1) {
            // The common write, one update to thousands of streams: its chunk is made once and shared.
            Frame frame = batch.frames()[0];
            bytes = chunked ? frame.encoded(CHUNK) : frame.bytes();
        } else {
            byte[] prefix = head == null ? NOTHING : head;
            head = null;
            bytes = new byte[prefix.length + (chunked ? chunkFraming(batch.bytes()) : 0) + batch.bytes()];
            System.arraycopy(prefix, 0, bytes, 0, prefix.length);
            int at = chunked ? chunkSize(bytes, prefix.length, batch.bytes()) : prefix.length;
            at = batch.copyTo(bytes, at);
            if (chunked) {
                bytes[at++] = '\r';
                bytes[at] = '\n';
            }
        }
        if (secure) {
            connection.write(Buffers.wrap(connection.getMemoryManager(), bytes), this);
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            socket.write(buffer);
        } catch (IOException e) {
            connection.terminateSilently();
            events.closed();
            return;
        }
        if (buffer.hasRemaining()) {
            writer.write(connection, Buffers.wrap(connection.getMemoryManager(), buffer), this);
        } else {
            events.writable();
        }
    }

    /** One frame as an HTTP/1.1 chunk. */
    private static byte[] chunk(Frame frame) {
        byte[] bytes = new byte[chunkFraming(frame.size()) + frame.size()];
        int at = chunkSize(bytes, 0, frame.size());
        System.arraycopy(frame.bytes(), 0, bytes, at, frame.size());
        bytes[bytes.length - 2] = '\r';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** The bytes a chunk of this size adds: its size in hex and two line ends. */
    private static int chunkFraming(int size) {
        return hexDigits(size) + 4;
    }

    /** Writes the chunk's size line at {@code at}; returns where the chunk's data starts. */
    private static int chunkSize(byte[] bytes, int at, int size) {
        int position = at;
        for (int shift = 4 * (hexDigits(size) - 1); shift >= 0; shift -= 4) {
            bytes[position++] = HEX[(size >>> shift) & 0xF];
        }
        bytes[position++] = '\r';
        bytes[position++] = '\n';
        return position;
    }

    private static int hexDigits(int size) {
        return Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
    }

    @Override
    public void end() {
        if (chunked) {
            enqueue(LAST_CHUNK);
        }
        // Graceful: the connection closes once every queued write has gone out.
        connection.closeSilently();
    }

    @Override
    public void abort() {
        connection.terminateSilently();
    }

    /** Answers a request the hub refused, then closes the connection: nothing else was sent on it. */
    @Override
    public void refuse(Refusal refusal) {
        byte[] body = refusal.problemJson().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.LinkedHashMap<>(refusal.headers());
        headers.put("Content-Type", Refusal.MEDIA_TYPE);
        headers.put("Content-Length", Integer.toString(body.length));
        byte[] top = head(refusal.status(), headers, "Connection: close");
        byte[] bytes = new byte[top.length + body.length];
        System.arraycopy(top, 0, bytes, 0, top.length);
        System.arraycopy(body, 0, bytes, top.length, body.length);
        enqueue(bytes);
        connection.closeSilently();
    }

    /** Queues bytes behind whatever is queued, encrypted on a TLS connection. */
    private void enqueue(byte[] bytes) {
        if (secure) {
            connection.write(Buffers.wrap(connection.getMemoryManager(), bytes));
        } else {
            writer.write(connection, Buffers.wrap(connection.getMemoryManager(), bytes), null);
        }
    }

    private static byte[] head(int status, Map<String, String> headers, String framing) {
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(Refusal.title(status)).append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.append(framing).append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void completed(WriteResult<WritableMessage, SocketAddress> result) {
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
    public void updated(WriteResult<WritableMessage, SocketAddress> result) {
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
