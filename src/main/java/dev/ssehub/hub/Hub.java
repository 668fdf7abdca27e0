package dev.ssehub.hub;

import dev.ssehub.log.EventLog;
import dev.ssehub.log.History;
import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.update.Update;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub: publishing appends to the log; the dispatcher fans every logged update out to the
 * matching subscriber groups; subscribing replays history and joins a group at exactly the next
 * position, so a reconnecting client gets every update after its last one, once and in order.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());
    private static final Duration DISPATCHER_WAIT = Duration.ofSeconds(10);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(30);
    private static final long RECONNECT_MILLIS = 1000;
    /**
     * How long a stop waits past the drain window for the last streams to close: a close can
     * block behind a client that stopped reading, and the stop must not wait for all of them.
     */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final EventLog log;
    private final Dispatcher dispatcher = new Dispatcher();
    private final GroupRegistry registry = new GroupRegistry();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService closer;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final int maxSubscribers;
    private final HubMetrics metrics;
    private final SubscriberObserver observer;
    private final Duration drain;
    private volatile boolean draining;
    private volatile boolean hubWriterInUse;
    private volatile EventFactory events;
    /** The newest position handed to the groups; touched only on the dispatcher thread. */
    private long position;

    /**
     * A hub serving at most {@code maxSubscribers} at once (0 for no limit) that closes its streams
     * over the {@code drain} window when it stops, and tells the observer who comes and goes.
     */
    public Hub(EventLog log, Duration heartbeat, int maxSubscribers, Duration drain, SubscriberObserver observer) {
        this.log = log;
        this.maxSubscribers = maxSubscribers == 0 ? Integer.MAX_VALUE : maxSubscribers;
        this.metrics = new HubMetrics(subscribers::get, log);
        this.drain = drain;
        this.observer = observer;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ssehub-timer"));
        ThreadPoolExecutor closing = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("ssehub-closer"));
        closing.allowCoreThreadTimeOut(true);
        this.closer = closing;
        long start = log.follow(logged -> dispatcher.execute(() -> dispatch(logged)));
        dispatcher.execute(() -> position = start);
        // A write to a client that has gone succeeds once and fails the next time, so each beat is
        // two comments a moment apart: a client that left is found within one heartbeat.
        long probeGap = Math.min(1000, heartbeat.toMillis() / 4);
        scheduler.scheduleAtFixedRate(() -> dispatcher.execute(this::heartbeat),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> dispatcher.execute(this::heartbeat),
                heartbeat.toMillis() + probeGap, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Appends the update to the log and returns as soon as it has its place; fan-out follows. */
    public LoggedUpdate publish(Update update) {
        long started = System.nanoTime();
        LoggedUpdate logged = log.append(update);
        metrics.appended(logged, started);
        return logged;
    }

    /**
     * Told by the hub's event writer that the runtime writes events with it (Jersey does; RESTEasy
     * frames them itself). Only such a runtime can be handed a {@link FramedBatch}, so only from
     * then on do subscribers that fall behind catch up in batches.
     */
    public void hubWriterInUse() {
        hubWriterInUse = true;
    }

    public int subscriberCount() {
        return subscribers.get();
    }

    public HubMetrics metrics() {
        return metrics;
    }

    /** True from the moment {@link #close()} starts: no new subscribers, streams closing. */
    public boolean isDraining() {
        return draining;
    }

    /**
     * Gives the subscriber its place in the order: live updates after that place are held for it
     * while the history before it is read.
     *
     * @throws SubscriberLimitException when the hub already serves its maximum of subscribers
     */
    public Subscription subscribe(SubscribeRequest request) {
        if (draining) {
            throw new HubClosedException();
        }
        // Taking the place before joining keeps the limit exact however many subscribe at once.
        if (subscribers.getAndUpdate(count -> count < maxSubscribers ? count + 1 : count) >= maxSubscribers) {
            metrics.refused();
            throw new SubscriberLimitException(maxSubscribers);
        }
        EventFactory factory = events(request.sse());
        GroupKey key = new GroupKey(request.selectors(), request.claims().subscribe());
        Subscriber subscriber = new Subscriber(key, request.sink(),
                (failed, cause) -> leave(failed, "write_failed", null));
        long joinedAt;
        try {
            joinedAt = await(dispatcher.call(() -> {
                // Checked again here: the drain takes its list of members on this thread, so a
                // subscriber either is on that list or is refused.
                if (draining) {
                    throw new HubClosedException();
                }
                SubscriberGroup group = registry.groupFor(key, newKey -> new SubscriberGroup(newKey, factory.sse().newBroadcaster(), () -> hubWriterInUse));
                group.addJoining(subscriber);
                subscriber.resumeAfter = position;
                // Here, before anything can make it leave, so the observer hears of the join first.
                observer.joined(subscriber.id(), request.selectors(), request.claims());
                return position;
            }));
        } catch (RuntimeException e) {
            subscribers.decrementAndGet();
            throw e;
        }
        metrics.subscribed(key.selectors().size());
        request.claims().expiresAt().ifPresent(expiry -> subscriber.expireWith(scheduler.schedule(
                () -> leave(subscriber, "token_expired", null),
                Math.max(0, Duration.between(Instant.now(), expiry).toMillis()), TimeUnit.MILLISECONDS)));
        History history = request.lastEventId() == null ? null : log.after(request.lastEventId(), joinedAt);
        if (history != null && history.afterPosition() > joinedAt) {
            dispatcher.execute(() -> subscriber.resumeAfter = Math.max(subscriber.resumeAfter, history.afterPosition()));
        }
        LOG.fine(() -> "event=subscribed subscriber=" + subscriber.serial() + " selectors=" + key.selectors()
                + " last_event_id=" + request.lastEventId());
        return new Subscription(this, subscriber, history);
    }

    void start(Subscriber subscriber, History history) {
        EventFactory factory = events;
        try {
            write(subscriber, factory.heartbeat());
            if (history != null) {
                for (LoggedUpdate logged : history.updates()) {
                    if (subscriber.key().accepts(logged.update())) {
                        write(subscriber, factory.update(logged.update()));
                        metrics.replayed();
                    }
                }
            }
            List<OutboundSseEvent> held;
            while ((held = await(dispatcher.call(() -> promoteOrTakePending(subscriber)))) != null) {
                for (OutboundSseEvent event : held) {
                    write(subscriber, event);
                }
                metrics.delivered(held.size());
            }
        } catch (SubscriberGoneException | HubClosedException e) {
            leave(subscriber, "write_failed", null);
        }
    }

    /** Runs on the dispatcher: null once the subscriber is live, else the held updates to write. */
    private List<OutboundSseEvent> promoteOrTakePending(Subscriber subscriber) {
        if (subscriber.hasLeft()) {
            throw new SubscriberGoneException();
        }
        List<Subscriber.Pending> held = subscriber.pending;
        if (held.isEmpty() && position >= subscriber.resumeAfter) {
            subscriber.group.promote(subscriber);
            return null;
        }
        subscriber.pending = new ArrayList<>();
        List<OutboundSseEvent> toWrite = new ArrayList<>(held.size());
        for (Subscriber.Pending pending : held) {
            if (pending.position() > subscriber.resumeAfter) {
                toWrite.add(pending.event());
            }
        }
        return toWrite;
    }

    private void write(Subscriber subscriber, OutboundSseEvent event) {
        try {
            subscriber.sink().send(event).toCompletableFuture().get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw new SubscriberGoneException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriberGoneException();
        }
    }

    private void dispatch(LoggedUpdate logged) {
        position = logged.position();
        EventFactory factory = events;
        if (factory == null) {
            return;
        }
        List<SubscriberGroup> recipients = new ArrayList<>();
        registry.forEachRecipient(logged.position(), logged.update(), recipients::add);
        if (recipients.isEmpty()) {
            return;
        }
        OutboundSseEvent event = factory.update(logged.update());
        for (SubscriberGroup group : recipients) {
            group.deliver(logged.position(), event, this::cutOffSlow);
            metrics.delivered(group.liveCount());
        }
    }

    private void heartbeat() {
        EventFactory factory = events;
        if (factory == null) {
            return;
        }
        for (SubscriberGroup group : registry.all()) {
            group.heartbeat(factory.heartbeat(), this::cutOffSlow);
        }
    }

    private void cutOffSlow(Subscriber subscriber) {
        if (leave(subscriber, "too_slow", events.reconnectNotice("too slow", jitteredRetry()))) {
            metrics.cutOffSlow();
        }
    }

    /** False when the subscriber had already left. */
    private boolean leave(Subscriber subscriber, String reason, OutboundSseEvent notice) {
        if (!subscriber.markLeft()) {
            return false;
        }
        subscribers.decrementAndGet();
        observer.left(subscriber.id());
        dispatcher.execute(() -> {
            SubscriberGroup group = subscriber.group;
            group.remove(subscriber);
            if (group.isEmpty()) {
                registry.remove(group);
                group.close();
            }
        });
        try {
            closer.execute(() -> {
                try {
                    if (notice != null) {
                        subscriber.sink().sendQuietly(notice);
                    }
                    subscriber.sink().closeDelegate();
                } finally {
                    subscriber.streamClosed.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            // The drain is over and gave up on this stream: the server closes what is left.
        }
        // A drain closes every stream; its start and end are logged once each instead.
        Level level = "write_failed".equals(reason) || "shutdown".equals(reason) ? Level.FINE : Level.INFO;
        LOG.log(level, () -> "event=subscriber_left subscriber=" + subscriber.serial() + " reason=" + reason);
        return true;
    }

    private static long jitteredRetry() {
        return RECONNECT_MILLIS + ThreadLocalRandom.current().nextLong(RECONNECT_MILLIS);
    }

    private EventFactory events(Sse sse) {
        EventFactory factory = events;
        if (factory == null) {
            synchronized (this) {
                if (events == null) {
                    events = new EventFactory(sse);
                }
                factory = events;
            }
        }
        return factory;
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(DISPATCHER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubClosedException();
        } catch (TimeoutException e) {
            throw new HubClosedException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Drains the hub: refuses new subscribers at once, then closes the open streams one by one at
     * random moments spread over the drain window, each after a notice with a jittered
     * {@code retry}, so their reconnects are spread too and a restart causes no storm. Publishing
     * and fan-out go on meanwhile. Then the dispatcher stops and the log is closed, which flushes
     * it. Bounded by the window plus {@link #CLOSE_GRACE}: a stream still not closed by then is
     * left to the server.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        draining = true;
        List<Subscriber> members = membersAtDrainStart();
        LOG.info("event=drain_started subscribers=" + members.size() + " window_ms=" + drain.toMillis());
        List<CompletableFuture<Void>> closes = new ArrayList<>(members.size());
        for (Subscriber member : members) {
            long at = drain.isZero() ? 0 : ThreadLocalRandom.current().nextLong(drain.toMillis());
            scheduler.schedule(() -> leave(member, "shutdown", events.reconnectNotice("hub restarting", jitteredRetry())),
                    at, TimeUnit.MILLISECONDS);
            closes.add(member.streamClosed);
        }
        long stillOpen = awaitClosed(closes, drain.plus(CLOSE_GRACE));
        scheduler.shutdownNow();
        dispatcher.close();
        closer.shutdownNow();
        log.close();
        metrics.close();
        LOG.info("event=drain_finished closed=" + (members.size() - stillOpen) + " still_open=" + stillOpen
                + " elapsed_ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private List<Subscriber> membersAtDrainStart() {
        try {
            return dispatcher.call(() -> {
                List<Subscriber> members = new ArrayList<>();
                for (SubscriberGroup group : registry.all()) {
                    group.forEachMember(members::add);
                }
                return members;
            }).get(DISPATCHER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("event=drain_incomplete error=" + e);
        }
        return List.of();
    }

    /** Waits until every stream is closed or the time is up; returns how many are still open. */
    private static long awaitClosed(List<CompletableFuture<Void>> closes, Duration limit) {
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Counted below: the streams still open are reported, not waited for.
        }
        return closes.stream().filter(closed -> !closed.isDone()).count();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
