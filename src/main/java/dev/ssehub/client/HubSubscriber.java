package dev.ssehub.client;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A subscription that survives anything short of being closed: refused connections, hub restarts,
 * silent stalls. Each connection resumes after the last update delivered to the callback, so
 * nothing is missed and nothing is delivered twice, and that position can be kept in a file so a
 * restarted process resumes too.
 *
 * <p>It asks for the stream with the JAX-RS client API, so it works on any client runtime, and reads
 * the stream with {@link EventStreamReader}, which follows the SSE rules exactly: runtimes' own
 * {@code SseEventSource} do not all hand over data as it was published. A connection that ends,
 * fails, is refused or stays silent for {@code idleTimeout} is replaced, with back-off and jitter,
 * never sooner than the hub's last {@code retry} hint nor before a {@code Retry-After} has passed.
 */
public final class HubSubscriber implements AutoCloseable {

    /** The start position that asks for the whole history. */
    public static final String EARLIEST = "earliest";
    private static final Logger LOG = Logger.getLogger(HubSubscriber.class.getName());
    private static final String RECONNECT_NOTICE = "ssehub-reconnect";

    private final URI hub;
    private final List<String> topics;
    private final String token;
    private final Consumer<ReceivedUpdate> onUpdate;
    private final Path positionFile;
    private final Supplier<Client> clients;
    private final Backoff backoff;
    private final Duration idleTimeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ssehub-subscriber"));

    /** Closing a response can block until its next read returns: done off the caller's thread. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(daemon("ssehub-subscriber-close"));
    private final Object lock = new Object();
    private volatile String lastEventId;
    private volatile long retryHintMillis;
    private volatile long lastActivity;
    private Connection current;
    private int failures;
    private boolean closed;
    private ScheduledFuture<?> watchdog;

    private HubSubscriber(Builder builder) {
        this.hub = builder.hub;
        this.topics = List.copyOf(builder.topics);
        this.token = builder.token;
        this.onUpdate = builder.onUpdate;
        this.positionFile = builder.positionFile;
        this.clients = builder.clients;
        this.backoff = new Backoff(builder.initialDelay, builder.maxDelay);
        this.idleTimeout = builder.idleTimeout;
        this.lastEventId = builder.startAfter;
    }

    public static Builder to(URI hub) {
        return new Builder(hub);
    }

    /**
     * Connects; updates then flow to the callback on a reading thread, one at a time. Returns once
     * the first attempt has opened the stream, so that every update published after that reaches the
     * callback, or has failed, in which case it goes on trying in the background.
     */
    public HubSubscriber start() {
        long checkEvery = Math.max(100, idleTimeout.toMillis() / 4);
        Connection first;
        synchronized (lock) {
            watchdog = timer.scheduleWithFixedDelay(this::checkIdle, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
            connect();
            first = current;
        }
        first.awaitOutcome();
        return this;
    }

    /** The id of the last update delivered (the resume position), or null before the first. */
    public String lastEventId() {
        return lastEventId;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Connection connection = new Connection(clients.get());
        current = connection;
        lastActivity = System.nanoTime();
        Thread reader = daemon("ssehub-subscriber-read").newThread(() -> read(connection));
        reader.start();
    }

    /** Runs on the connection's own thread until the stream ends or fails. */
    private void read(Connection connection) {
        try {
            Invocation.Builder request = connection.client().target(subscribeUri()).request(MediaType.SERVER_SENT_EVENTS_TYPE);
            if (token != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            Response response = request.get();
            connection.opened(response);
            if (response.getStatus() != Response.Status.OK.getStatusCode()) {
                Duration wait = RetryAfter.parse(response.getHeaderString(HttpHeaders.RETRY_AFTER), Clock.systemUTC()).orElse(Duration.ZERO);
                LOG.fine(() -> "event=subscription_refused hub=" + hub + " status=" + response.getStatus() + " retry_after_ms=" + wait.toMillis());
                ended(connection, wait);
                return;
            }
            try (InputStream body = response.readEntity(InputStream.class)) {
                new EventStreamReader(body, new Events(connection)).readToEnd();
            }
            ended(connection, Duration.ZERO);
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "event=subscription_lost hub=" + hub + " error=" + e);
            ended(connection, Duration.ZERO);
        }
    }

    private URI subscribeUri() {
        StringBuilder query = new StringBuilder();
        for (String topic : topics) {
            query.append(query.isEmpty() ? '?' : '&').append("topic=").append(URLEncoder.encode(topic, StandardCharsets.UTF_8));
        }
        String after = lastEventId;
        if (after != null) {
            query.append("&lastEventID=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        }
        return URI.create(hub + query.toString());
    }

    /** What one connection's stream carries, dropped once that connection is no longer the current one. */
    private final class Events implements EventStreamReader.Listener {

        private final Connection connection;

        Events(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onEvent(String id, String type, String data) {
            connection.settled();
            synchronized (lock) {
                if (!isCurrent(connection)) {
                    return;
                }
                lastActivity = System.nanoTime();
                failures = 0;
                if (id.isEmpty() || RECONNECT_NOTICE.equals(type)) {
                    return;
                }
                lastEventId = id;
                keepPosition(id);
                onUpdate.accept(new ReceivedUpdate(id, type, data));
            }
        }

        @Override
        public void onComment(String comment) {
            connection.settled();
            lastActivity = System.nanoTime();
        }

        @Override
        public void onRetry(long millis) {
            retryHintMillis = millis;
        }
    }

    private boolean isCurrent(Connection connection) {
        return !closed && connection == current;
    }

    /** The connection ended; the next one waits at least {@code atLeast} (a {@code Retry-After}). */
    private void ended(Connection connection, Duration atLeast) {
        connection.settled();
        synchronized (lock) {
            if (isCurrent(connection)) {
                reconnectLater(atLeast);
            }
        }
    }

    private void checkIdle() {
        synchronized (lock) {
            if (!closed && current != null && System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
                LOG.fine(() -> "event=subscription_idle hub=" + hub);
                reconnectLater(Duration.ZERO);
            }
        }
    }

    private void reconnectLater(Duration atLeast) {
        Connection ending = current;
        closer.execute(ending::close);
        current = null;
        lastActivity = System.nanoTime();
        long delay = Math.max(backoff.delay(failures++).toMillis(), retryHintMillis);
        if (!atLeast.isZero()) {
            delay = Math.max(delay, backoff.atLeast(atLeast).toMillis());
        }
        timer.schedule(() -> {
            synchronized (lock) {
                if (current == null) {
                    connect();
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void keepPosition(String id) {
        if (positionFile == null) {
            return;
        }
        try {
            Path temporary = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
            Files.writeString(temporary, id, StandardCharsets.UTF_8);
            Files.move(temporary, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the subscription's position in " + positionFile, e);
        }
    }

    /** Stops at once: no callback runs after this returns. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (current != null) {
                closer.execute(current::close);
                current = null;
            }
        }
        timer.shutdownNow();
        closer.shutdown();
    }

    /** One attempt: its client, and its response once the hub has answered. */
    private static final class Connection {

        private final Client client;
        private final CountDownLatch outcome = new CountDownLatch(1);
        private volatile Response response;

        Connection(Client client) {
            this.client = client;
        }

        Client client() {
            return client;
        }

        void opened(Response answer) {
            this.response = answer;
        }

        /** The hub's first line arrived (it writes one as soon as the subscriber has its place), or the attempt ended. */
        void settled() {
            outcome.countDown();
        }

        void awaitOutcome() {
            try {
                outcome.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            settled();
            Response answer = response;
            if (answer != null) {
                answer.close();
            }
            client.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a {@link HubSubscriber}. */
    public static final class Builder {

        private final URI hub;
        private final List<String> topics = new ArrayList<>();
        private String token;
        private String startAfter;
        private Consumer<ReceivedUpdate> onUpdate = update -> { };
        private Path positionFile;
        private Supplier<Client> clients = ClientBuilder::newClient;
        private Duration initialDelay = Duration.ofMillis(250);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(75);

        private Builder(URI hub) {
            this.hub = Objects.requireNonNull(hub, "hub");
        }

        public Builder topics(String... selectors) {
            topics.addAll(List.of(selectors));
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Start after this id, or {@link #EARLIEST} for the whole history; by default only new updates. */
        public Builder startAfter(String id) {
            this.startAfter = id;
            return this;
        }

        public Builder onUpdate(Consumer<ReceivedUpdate> onUpdate) {
            this.onUpdate = Objects.requireNonNull(onUpdate, "onUpdate");
            return this;
        }

        /**
         * Keeps the last delivered id in this file and, when it exists, resumes from it, so a
         * restarted process continues where the previous one stopped.
         */
        public Builder keepPositionIn(Path file) {
            this.positionFile = file;
            return this;
        }

        public Builder clients(Supplier<Client> clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        /** Reconnects when nothing, not even a heartbeat, arrived for this long; set it above the hub's heartbeat. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public HubSubscriber build() {
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("a subscription needs at least one topic selector");
            }
            if (positionFile != null && Files.exists(positionFile)) {
                try {
                    String kept = Files.readString(positionFile, StandardCharsets.UTF_8).strip();
                    if (!kept.isEmpty()) {
                        startAfter = kept;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the subscription's position from " + positionFile, e);
                }
            }
            return new HubSubscriber(this);
        }
    }
}
