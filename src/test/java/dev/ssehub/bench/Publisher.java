package dev.ssehub.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@code rate} updates a second on one keep-alive HTTP/1.1 connection, each with the id
 * {@code <prefix>-<seq>} and data {@code ts=<epoch micros>;seq=<seq>;} padded to the set size (100 bytes by default).
 * A failed request is retried on a fresh connection with the same id, which the hub treats as the
 * same update (a target that chooses its own ids may then deliver it twice, which the subscribers
 * count); after three tries the sequence number is given up and counted.
 */
final class Publisher implements Runnable {

    private static final int TRIES = 3;
    /** Falling further behind than this restarts the schedule instead of bursting to catch up. */
    private static final long MAX_BEHIND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress server;
    private final String path;
    private final PublishFormat format;
    private final String token;
    private final String topic;
    private final String idPrefix;
    private final double rate;
    private final int dataBytes;

    private volatile boolean stop;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    // Written by the publishing thread; read by others under this object's lock.
    private long lastSeq;
    private long published;
    private long failedRequests;
    private long givenUp;
    private long scheduleResets;
    private String lastError;
    private String lastEventId;
    private final byte[] body = new byte[8192];
    private int bodyLength;
    private final LatencyHistogram requestMicros = new LatencyHistogram();
    private long windowStartPublished = -1;

    /**
     * {@code token} may be null for a target that takes updates without one; {@code idPrefix} null
     * leaves each update's id to the target (a retry may then be stored twice).
     */
    Publisher(InetSocketAddress server, String path, PublishFormat format, String token, String topic, String idPrefix,
              double rate, int dataBytes) {
        this.dataBytes = dataBytes;
        this.server = server;
        this.path = path;
        this.format = format;
        this.token = token;
        this.topic = topic;
        this.idPrefix = idPrefix;
        this.rate = rate;
    }

    void stop() {
        stop = true;
    }

    /** Closes the connection of a publisher used with {@link #publish} on the caller's thread. */
    void close() {
        closeQuietly();
    }

    @Override
    public void run() {
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long slot = 0;
        long seq = 0;
        try {
            while (!stop) {
                long due = start + slot * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (-wait > MAX_BEHIND_NANOS) {
                    synchronized (this) {
                        scheduleResets++;
                    }
                    start = System.nanoTime();
                    slot = 0;
                }
                slot++;
                seq++;
                publish(seq);
            }
        } finally {
            closeQuietly();
        }
    }

    /** Publishes one update now, on the calling thread; false when every try failed. */
    boolean publish(long seq) {
        String id = idPrefix == null ? null : idPrefix + "-" + seq;
        for (int attempt = 1; attempt <= TRIES && !stop; attempt++) {
            long began = System.nanoTime();
            try {
                // The timestamp is taken per try, so a retried update is timed from when it was sent.
                int status = post(format.body(topic, id, data(seq, dataBytes)));
                long micros = (System.nanoTime() - began) / 1000;
                synchronized (this) {
                    requestMicros.record(micros);
                    if (status / 100 == 2) {
                        published++;
                        lastSeq = seq;
                        lastEventId = format.eventId(new String(body, 0, bodyLength, StandardCharsets.UTF_8));
                        return true;
                    }
                    failedRequests++;
                    lastError = "HTTP " + status;
                }
            } catch (IOException e) {
                synchronized (this) {
                    failedRequests++;
                    lastError = e.toString();
                }
                closeQuietly();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        if (stop) {
            return false;
        }
        synchronized (this) {
            givenUp++;
            lastSeq = seq;
        }
        return false;
    }

    static String data(long seq, int size) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        StringBuilder data = new StringBuilder(size + 32).append("ts=").append(micros).append(";seq=").append(seq).append(';');
        while (data.length() < size) {
            data.append('x');
        }
        return data.toString();
    }

    private int post(String body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(server, 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 4096);
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: " + format.contentType() + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = request.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        out.write(all);
        out.flush();
        return readResponse();
    }

    /** Reads one response: status, headers, and a body framed by Content-Length or chunks, keeping its first 8 KiB. */
    private int readResponse() throws IOException {
        String status = readLine();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("bad status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while (!(header = readLine()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        bodyLength = 0;
        if (chunked) {
            long size;
            while ((size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0) {
                keep(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength > 0) {
            keep(contentLength);
        } else if (contentLength < 0) {
            close = true;
        }
        if (close) {
            closeQuietly();
        }
        return code;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) b);
        }
        throw new IOException("connection closed by the server");
    }

    private void keep(long n) throws IOException {
        for (long left = n; left > 0; left--) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed by the server");
            }
            if (bodyLength < body.length) {
                body[bodyLength++] = (byte) b;
            }
        }
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }

    synchronized void markWindowStart() {
        windowStartPublished = published;
    }

    synchronized long publishedSinceWindowStart() {
        return windowStartPublished < 0 ? 0 : published - windowStartPublished;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized long published() {
        return published;
    }

    synchronized long failedRequests() {
        return failedRequests;
    }

    synchronized long givenUp() {
        return givenUp;
    }

    synchronized long scheduleResets() {
        return scheduleResets;
    }

    /** The event id the target gave the last update it accepted, as its answer named it; null if it named none. */
    synchronized String lastEventId() {
        return lastEventId;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized long requestPercentileMicros(double fraction) {
        return requestMicros.percentile(fraction);
    }

    synchronized long requestMaxMicros() {
        return requestMicros.max();
    }
}
