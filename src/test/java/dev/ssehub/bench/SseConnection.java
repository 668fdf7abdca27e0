package dev.ssehub.bench;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One subscriber connection and its incremental parser: HTTP response head, then chunked transfer
 * coding, then the event stream itself. Bytes are fed as they arrive, in pieces of any size.
 * Every update is checked against the sequence number and timed from the publish timestamp at the
 * start of its data ({@code ts=<epoch micros>;seq=<n>;...}): not from its id, because a server that
 * is not a Mercure hub (Nchan) gives each update an id of its own.
 */
final class SseConnection {

    enum State { CONNECTING, HEAD, BODY, CLOSED }

    private static final int MAX_HEAD = 16 * 1024;
    private static final int LINE_CAPACITY = 96;

    // Chunked decoding states.
    private static final int CHUNK_SIZE = 0;
    private static final int CHUNK_EXTENSION = 1;
    private static final int CHUNK_DATA = 2;
    private static final int CHUNK_DATA_END = 3;
    private static final int CHUNK_TRAILER = 4;

    final int index;
    final boolean slow;
    SocketChannel channel;
    SelectionKey key;
    State state = State.CONNECTING;
    long openedNanos;
    /** Once true, a slow consumer reads again: the final drain. */
    boolean draining;
    boolean sawNotice;

    private byte[] head = new byte[512];
    private int headLength;
    private boolean chunked;
    private int chunkState = CHUNK_SIZE;
    private long chunkRemaining;
    private long chunkSize;
    /** Bytes of the current trailer line, CR excluded: an empty line ends the trailer section and the response. */
    private int trailerLineLength;

    private final byte[] line = new byte[LINE_CAPACITY];
    private int lineLength;
    private boolean afterCr;

    private long eventSeq = -1;
    private long eventTs = -1;
    private boolean eventHasData;
    private boolean eventIsNotice;

    /** The sequence number this subscriber should see next. */
    long nextSeq;
    /** Once past this sequence number the subscriber has caught up; only a reconnect storm sets one. */
    private final long lastExpectedSeq;
    long received;
    /** When the last update arrived (epoch micros); 0 before the first. */
    long lastDeliveryMicros;

    SseConnection(int index, boolean slow) {
        this(index, slow, 1, Long.MAX_VALUE);
    }

    /** A subscriber that should receive the updates {@code firstSeq} to {@code lastExpectedSeq}, then whatever follows. */
    SseConnection(int index, boolean slow, long firstSeq, long lastExpectedSeq) {
        this.index = index;
        this.slow = slow;
        this.nextSeq = firstSeq;
        this.lastExpectedSeq = lastExpectedSeq;
    }

    boolean caughtUp() {
        return nextSeq > lastExpectedSeq;
    }

    /**
     * Result of {@link #feed}: keep reading; the response was not a usable event stream; or the
     * response is complete. A chunked body ends with its last chunk and trailer section, and on a
     * keep-alive connection the server need not close the socket after it: the stream ended there,
     * as an {@code EventSource} sees it (it reconnects once the fetch completes).
     */
    static final int OK = 0;
    static final int REJECTED = 1;
    static final int ENDED = 2;

    /**
     * Feeds bytes read from the socket. {@code nowMicros} is when they were read; deliveries made
     * while {@code inWindow} are timed into the window histogram.
     */
    int feed(byte[] bytes, int offset, int length, long nowMicros, boolean inWindow, GeneratorStats stats) {
        int i = offset;
        int end = offset + length;
        if (state == State.HEAD) {
            while (i < end) {
                if (headLength == head.length) {
                    if (head.length >= MAX_HEAD) {
                        return REJECTED;
                    }
                    head = java.util.Arrays.copyOf(head, head.length * 2);
                }
                head[headLength++] = bytes[i++];
                if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                        && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                    if (!parseHead(stats)) {
                        return REJECTED;
                    }
                    state = State.BODY;
                    head = null;
                    long now = System.nanoTime();
                    stats.established++;
                    stats.connectMicros.record((now - openedNanos) / 1000);
                    stats.firstEstablishedNanos = Math.min(stats.firstEstablishedNanos, now);
                    stats.lastEstablishedNanos = Math.max(stats.lastEstablishedNanos, now);
                    break;
                }
            }
        }
        if (state != State.BODY) {
            return OK;
        }
        if (!chunked) {
            stream(bytes, i, end - i, nowMicros, inWindow, stats);
            return OK;
        }
        while (i < end) {
            switch (chunkState) {
                case CHUNK_SIZE -> {
                    byte b = bytes[i++];
                    int digit = Character.digit(b, 16);
                    if (digit >= 0) {
                        chunkSize = chunkSize * 16 + digit;
                    } else if (b == ';') {
                        chunkState = CHUNK_EXTENSION;
                    } else if (b == '\n') {
                        startChunk();
                    } else if (b != '\r' && b != ' ' && b != '\t') {
                        stats.unparsable++;
                        return REJECTED;
                    }
                }
                case CHUNK_EXTENSION -> {
                    if (bytes[i++] == '\n') {
                        startChunk();
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    stream(bytes, i, n, nowMicros, inWindow, stats);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        chunkState = CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END -> {
                    if (bytes[i++] == '\n') {
                        chunkState = CHUNK_SIZE;
                    }
                }
                default -> { // CHUNK_TRAILER: after the last chunk, trailer lines up to an empty one.
                    byte b = bytes[i++];
                    if (b == '\n') {
                        if (trailerLineLength == 0) {
                            return ENDED;
                        }
                        trailerLineLength = 0;
                    } else if (b != '\r') {
                        trailerLineLength++;
                    }
                }
            }
        }
        return OK;
    }

    private void startChunk() {
        if (chunkSize == 0) {
            chunkState = CHUNK_TRAILER;
        } else {
            chunkRemaining = chunkSize;
            chunkState = CHUNK_DATA;
        }
        chunkSize = 0;
    }

    private boolean parseHead(GeneratorStats stats) {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String status = text.substring(0, lineEnd);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
            stats.badStatus++;
            return false;
        }
        for (String header : text.substring(lineEnd + 2).split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")
                    && header.substring(colon + 1).toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            stats.notChunked++;
        }
        return true;
    }

    /** The event-stream layer: lines end with CRLF, LF or CR; a blank line dispatches. */
    private void stream(byte[] bytes, int offset, int length, long nowMicros, boolean inWindow, GeneratorStats stats) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false;
                } else {
                    line(nowMicros, inWindow, stats);
                }
            } else if (b == '\r') {
                line(nowMicros, inWindow, stats);
                afterCr = true;
            } else {
                afterCr = false;
                if (lineLength < LINE_CAPACITY) {
                    line[lineLength] = b;
                }
                lineLength++;
            }
        }
    }

    private void line(long nowMicros, boolean inWindow, GeneratorStats stats) {
        int length = Math.min(lineLength, LINE_CAPACITY);
        lineLength = 0;
        if (length == 0) {
            dispatch(nowMicros, inWindow, stats);
            return;
        }
        if (line[0] == ':') {
            if (!slow) {
                stats.heartbeats++;
            }
        } else if (startsWith("data:", length)) {
            eventHasData = true;
            int v = valueStart(5, length);
            if (eventTs < 0 && startsWith(v, "ts=", length)) {
                int afterTs = v + 3;
                eventTs = leadingNumber(afterTs, length);
                int seqAt = afterTs + digits(afterTs, length);
                if (startsWith(seqAt, ";seq=", length)) {
                    eventSeq = leadingNumber(seqAt + 5, length);
                }
            }
        } else if (startsWith("event:", length)) {
            int v = valueStart(6, length);
            eventIsNotice = length - v == "ssehub-reconnect".length() && startsWith(v, "ssehub-reconnect", length);
        }
    }

    private void dispatch(long nowMicros, boolean inWindow, GeneratorStats stats) {
        if (eventIsNotice) {
            sawNotice = true;
            if (slow) {
                stats.slowNotices++;
            } else {
                stats.notices++;
            }
        } else if (eventHasData) {
            if (eventSeq < 0) {
                stats.unparsable++;
            } else if (slow) {
                stats.slowDeliveries++;
                received++;
                track(eventSeq, stats, false);
            } else {
                received++;
                lastDeliveryMicros = nowMicros;
                stats.deliveries++;
                track(eventSeq, stats, true);
                if (inWindow) {
                    stats.windowDeliveries++;
                    if (eventTs >= 0) {
                        stats.windowLatencyMicros.record(nowMicros - eventTs);
                    } else {
                        stats.unparsable++;
                    }
                }
            }
        }
        eventSeq = -1;
        eventTs = -1;
        eventHasData = false;
        eventIsNotice = false;
    }

    private void track(long seq, GeneratorStats stats, boolean count) {
        boolean wasBehind = !caughtUp();
        if (seq == nextSeq) {
            nextSeq++;
        } else if (seq > nextSeq) {
            if (count) {
                stats.gaps += seq - nextSeq;
            }
            nextSeq = seq + 1;
        } else if (count) {
            stats.duplicates++;
        }
        if (wasBehind && caughtUp()) {
            stats.caughtUp++;
            stats.catchUpMicros.record((System.nanoTime() - openedNanos) / 1000);
        }
    }

    private boolean startsWith(String prefix, int length) {
        return startsWith(0, prefix, length);
    }

    private boolean startsWith(int at, String text, int length) {
        if (length - at < text.length()) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (line[at + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int digits(int from, int length) {
        int i = from;
        while (i < length && line[i] >= '0' && line[i] <= '9') {
            i++;
        }
        return i - from;
    }

    private int valueStart(int afterColon, int length) {
        return afterColon < length && line[afterColon] == ' ' ? afterColon + 1 : afterColon;
    }

    private long leadingNumber(int from, int length) {
        long n = 0;
        int i = from;
        while (i < length && line[i] >= '0' && line[i] <= '9') {
            n = n * 10 + (line[i++] - '0');
        }
        return i == from ? -1 : n;
    }
}
