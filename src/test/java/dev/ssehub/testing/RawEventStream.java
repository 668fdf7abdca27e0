package dev.ssehub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that sees the stream as bytes on the wire: status, headers, comments and fields,
 * parsed per the SSE format. Lets tests check framing and resume with any Last-Event-ID.
 */
public final class RawEventStream implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile boolean ended;

    /** One event as the SSE format defines it; a comment-only block has no fields. */
    public record Event(String id, String type, String data, Long retry, List<String> comments) {
        public boolean isComment() {
            return data == null && id == null && type == null;
        }
    }

    private RawEventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "raw-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    public static RawEventStream open(URI uri, String... headerPairs) {
        return open(CLIENT, uri, headerPairs);
    }

    /** A stream read through this client, on whichever connection and HTTP version it chooses. */
    public static RawEventStream open(HttpClient client, URI uri, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            return new RawEventStream(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the stream's opening comment. The hub writes it once the subscriber has its place
     * in the order, so every update published after this returns is delivered to it.
     */
    public RawEventStream connected() throws InterruptedException {
        Event first = next(java.time.Duration.ofSeconds(5));
        if (first == null || !first.isComment()) {
            throw new AssertionError("expected the stream's opening comment, got " + first + " (status " + status() + ")");
        }
        return this;
    }

    public int status() {
        return response.statusCode();
    }

    public HttpClient.Version version() {
        return response.version();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** The next event with data (comments skipped), or null when none came in time. */
    public Event nextUpdate(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || !event.isComment()) {
                return event;
            }
        }
    }

    /** The next block of any kind, comments included, or null when none came in time. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Every line read so far, exactly as sent. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** True once the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            Long retry = null;
            List<String> comments = new ArrayList<>();
            boolean any = false;
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.isEmpty()) {
                    if (any) {
                        events.add(new Event(id, type, data == null ? null : data.toString(), retry, List.copyOf(comments)));
                    }
                    id = null;
                    type = null;
                    data = null;
                    retry = null;
                    comments.clear();
                    any = false;
                    continue;
                }
                any = true;
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).stripLeading());
                    continue;
                }
                FieldLine split = FieldLine.of(line);
                String field = split.field();
                String value = split.value();
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> type = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "retry" -> retry = Long.parseLong(value);
                    default -> { }
                }
            }
        } catch (IOException e) {
            // The stream was closed by the test or the server.
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Closing is best effort; the connection is going away anyway.
        }
    }
}
