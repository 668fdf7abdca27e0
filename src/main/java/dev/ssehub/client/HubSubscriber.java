package dev.ssehub.client;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A subscription that survives anything short of being closed: refused connections, hub restarts,
 * silent stalls. Each connection resumes after the last update delivered to the callback, so
 * nothing is missed and nothing is delivered twice, and that position can be kept in a file so a
 * restarted process resumes too. Built on the JAX-RS client API and {@link SseEventSource}.
 *
 * <p>The source's own reconnection is kept for orderly stream ends; everything it gives up on
 * (a refused connection, an error, no byte for {@code idleTimeout}) is handled here, on a fresh
 * client, with back-off and jitter, never sooner than the hub's last {@code retry} hint.
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
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssehub-subscriber");
        thread.setDaemon(true);
        return thread;
    });

    /** Closing a source blocks for seconds in Jersey whatever timeout it is given: done off the caller's thread. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssehub-subscriber-close");
        thread.setDaemon(true);
        return thread;
    });
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

    /** Connects; updates then flow to the callback on a client thread, one at a time. */
    public HubSubscriber start() {
        long checkEvery = Math.max(100, idleTimeout.toMillis() / 4);
        synchronized (lock) {
            watchdog = timer.scheduleWithFixedDelay(this::checkIdle, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
            connect();
        }
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
        Client client = clients.get();
        WebTarget target = client.target(subscribeUri());
        if (token != null) {
            target.register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
        }
        SseEventSource source = SseEventSource.target(target).build();
        Connection connection = new Connection(client, source);
        current = connection;
        lastActivity = System.nanoTime();
        source.register(event -> onEvent(connection, event), error -> onFailure(connection, error), () -> onFailure(connection, null));
        source.open();
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

    private void onEvent(Connection connection, InboundSseEvent event) {
        synchronized (lock) {
            if (closed || connection != current) {
                return;
            }
            lastActivity = System.nanoTime();
            failures = 0;
            if (event.isReconnectDelaySet()) {
                retryHintMillis = event.getReconnectDelay();
            }
            if (event.getId() == null || RECONNECT_NOTICE.equals(event.getName())) {
                return;
            }
            ReceivedUpdate update = new ReceivedUpdate(event.getId(), event.getName(), event.readData());
            lastEventId = update.id();
            keepPosition(update.id());
            onUpdate.accept(update);
        }
    }

    private void onFailure(Connection connection, Throwable error) {
        synchronized (lock) {
            if (closed || connection != current) {
                return;
            }
            LOG.fine(() -> "event=subscription_lost hub=" + hub + " error=" + error);
            reconnectLater();
        }
    }

    private void checkIdle() {
        synchronized (lock) {
            if (!closed && current != null && System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
                LOG.fine(() -> "event=subscription_idle hub=" + hub);
                reconnectLater();
            }
        }
    }

    private void reconnectLater() {
        closer.execute(current::close);
        current = null;
        lastActivity = System.nanoTime();
        long delay = Math.max(backoff.delay(failures++).toMillis(), retryHintMillis);
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

    private record Connection(Client client, SseEventSource source) {
        void close() {
            source.close(0, TimeUnit.MILLISECONDS);
            client.close();
        }
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
