package dev.ssehub.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection that sends requests exactly as given, bytes and all: what the JDK's
 * HttpClient refuses to send (broken UTF-8, CR, LF or NUL in a header, a bad request line). Reads
 * each answer by its length, its chunks, or up to the close; every read is bounded by the timeout.
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean open = true;

    /** One answer; header names are lower-case. An event stream's body is not read: the connection is closed instead. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawHttpConnection open(URI base, Duration timeout) throws IOException {
        return open(base, timeout, 0);
    }

    /**
     * A connection whose receive buffer is set before it connects, so that the window it offers is
     * that small: a client that stops reading fills the server's socket after a few KiB.
     *
     * @param receiveBufferBytes the receive buffer, or 0 for the system's default
     */
    public static RawHttpConnection open(URI base, Duration timeout, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        return new RawHttpConnection(socket);
    }

    /** False once the server closed the connection or said it would, or an event stream was left unread. */
    public boolean isOpen() {
        return open;
    }

    /** Sends the bytes and reads one answer; a read that outlasts the timeout throws SocketTimeoutException. */
    public Answer exchange(byte[] request, boolean head) throws IOException {
        send(request);
        return answer(head);
    }

    /** Sends bytes without waiting for an answer: part of a request, or several requests at once. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next answer; a read that outlasts the timeout throws SocketTimeoutException. */
    public Answer answer(boolean head) throws IOException {
        return answer(head, false);
    }

    /**
     * Reads the next answer, an event stream included, up to the end of its body: for a stream the
     * server ends itself. A read that outlasts the timeout throws SocketTimeoutException.
     */
    public Answer answerToItsEnd() throws IOException {
        return answer(false, true);
    }

    private Answer answer(boolean head, boolean readEventStream) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        Answer headOnly = new Answer(status, headers, new byte[0]);
        if ("close".equalsIgnoreCase(headOnly.header("connection"))) {
            open = false;
        }
        String type = headOnly.header("content-type");
        if (type != null && type.startsWith("text/event-stream") && !readEventStream) {
            close();
            return headOnly;
        }
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return headOnly;
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headOnly.header("transfer-encoding"))) {
            body = chunks();
        } else if (headOnly.header("content-length") != null) {
            body = in.readNBytes(Integer.parseInt(headOnly.header("content-length")));
        } else {
            body = in.readAllBytes();
            open = false;
        }
        return new Answer(status, headers, body);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            line();
        }
    }

    /** Trailers carry nothing these tests look at. */
    private void skipTrailers() throws IOException {
        String trailer;
        do {
            trailer = line();
        } while (!trailer.isEmpty());
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next < 0) {
                open = false;
                throw new EOFException("the server closed the connection");
            }
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone: nothing left to release.
        }
    }
}
