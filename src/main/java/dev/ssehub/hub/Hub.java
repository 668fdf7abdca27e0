package dev.ssehub.hub;

import dev.ssehub.log.EventLog;
import dev.ssehub.log.History;
import dev.ssehub.log.LogFollower;
import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.stream.Frame;
import dev.ssehub.stream.Outbound;
import dev.ssehub.stream.ReplaySource;
import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.Writers;
import dev.ssehub.update.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub: publishing appends to the log; the dispatcher hands every logged update to the queues of
 * the matching subscribers; subscribing joins at an exact position and replays the history up to
 * it, so a reconnecting client gets every update after its last one, once and in order. Streams are
 * written through the runtime's {@link StreamChannel}, which is all the hub knows of a runtime.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());
    private static final Duration DISPATCHER_WAIT = Duration.ofSeconds(10);
    private static final long RECONNECT_MILLIS = 1000;
    /** The keep-alive comment; also the opening comment, which sends the response headers at once. */
    private static final Frame HEARTBEAT = Frame.comment("");
    /**
     * How far behind its socket one subscriber may fall: the bytes and the number of frames queued
     * beyond its write in flight. The bytes are about a loopback socket's buffers again; frames are
     * shared, so the memory a queue holds of its own is mostly its references, bounded by the count.
     */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    static final int MAX_QUEUED_FRAMES = 1024;
    /**
     * The least time between two live writes to one stream: updates that come faster wait for it
     * and go out together, one system call for several, at the cost of that much latency at most.
     * A browser draws a frame every 16 ms; a stream at a few updates a second never waits.
     */
    static final Duration WRITE_PACE = Duration.ofMillis(20);
    /** A write waiting this long for the socket means a client that stopped reading: it is cut off. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(10);
    /**
     * How often writes are checked against {@link #STALL_LIMIT}: apart from the heartbeat, so that a
     * stalled client is cut off soon after the limit whatever the heartbeat, before a runtime's own
     * write timeout closes its connection without the notice.
     */
    static final Duration STALL_CHECK = Duration.ofSeconds(1);
    /**
     * How long a stop waits past the drain window for the last streams to close: a stream may wait
     * behind a client that stopped reading, and the stop must not wait for all of them.
     */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final EventLog log;
    private final FrameCache frames = new FrameCache();
    private final Dispatcher dispatcher;
    private final Writers writers = Writers.perCore();
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final int maxSubscribers;
    private final HubMetrics metrics;
    private final SubscriberObserver observer;
    private final Duration drain;
    private volatile boolean draining;

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
        this.dispatcher = new Dispatcher(new FanOut(frames, metrics, this::cutOff));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ssehub-timer");
            thread.setDaemon(true);
            return thread;
        });
        log.follow(new LogFollower() {
            @Override
            public void startAfter(long position) {
                dispatcher.execute(fanOut -> fanOut.startAfter(position));
            }

            @Override
            public void appended(LoggedUpdate logged) {
                dispatcher.execute(fanOut -> fanOut.dispatch(logged));
            }
        });
        // A write to a client that has gone succeeds once and fails the next time, so each beat is
        // two comments a moment apart: a client that left is found within one heartbeat.
        long probeGap = Math.min(1000, heartbeat.toMillis() / 4);
        scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis() + probeGap, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::cutOffStalled, STALL_CHECK.toMillis(), STALL_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Appends the update to the log and returns as soon as it has its place; fan-out follows. */
    public LoggedUpdate publish(Update update) {
        long started = System.nanoTime();
        LoggedUpdate logged = log.append(update);
        metrics.appended(logged, started);
        return logged;
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
     * while the history before it is read, and its stream goes through the channel once started.
     *
     * @throws SubscriberLimitException when the hub already serves its maximum of subscribers
     * @throws HubClosedException       when the hub is stopping
     */
    public Subscription subscribe(SubscribeRequest request, StreamChannel channel) {
        if (draining) {
            throw new HubClosedException();
        }
        // Taking the place before joining keeps the limit exact however many subscribe at once.
        if (subscribers.getAndUpdate(count -> count < maxSubscribers ? count + 1 : count) >= maxSubscribers) {
            metrics.refused();
            throw new SubscriberLimitException(maxSubscribers);
        }
        GroupKey key = new GroupKey(request.selectors(), request.claims().subscribe());
        Subscriber subscriber = new Subscriber(key);
        subscriber.attach(new Outbound(channel, writers.forStream(subscriber.serial()), WRITE_PACE, MAX_QUEUED_BYTES, MAX_QUEUED_FRAMES,
                () -> leave(subscriber, LeaveReason.CLIENT_GONE, null, true),
                () -> subscriber.finished().complete(null)));
        long joinedAt;
        try {
            joinedAt = await(dispatcher.call(fanOut -> {
                // Checked again here: the drain takes its list of members on this thread, so a
                // subscriber either is on that list or is refused.
                if (draining) {
                    throw new HubClosedException();
                }
                long position = fanOut.join(subscriber);
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
                () -> leave(subscriber, LeaveReason.TOKEN_EXPIRED, null, false),
                Math.max(0, Duration.between(Instant.now(), expiry).toMillis()), TimeUnit.MILLISECONDS)));
        History history = request.lastEventId() == null ? null : log.after(request.lastEventId(), joinedAt);
        LOG.fine(() -> "event=subscribed subscriber=" + subscriber.serial() + " selectors=" + key.selectors()
                + " last_event_id=" + request.lastEventId());
        return new Subscription(this, subscriber, history, joinedAt);
    }

    void start(Subscriber subscriber, History history, long joinedAt, StreamHead head) {
        ReplaySource replay = history == null ? null : new HistoryReplay(history.updates(), subscriber.key(), frames, metrics);
        // A client may resume after an update this hub has not dispatched yet (a hub sharing the log was ahead of it).
        long skipThrough = history == null ? joinedAt : Math.max(joinedAt, history.afterPosition());
        subscriber.outbound().start(head, HEARTBEAT, replay, skipThrough);
    }

    void abandon(Subscriber subscriber) {
        leave(subscriber, LeaveReason.CLIENT_GONE, null, true);
        subscriber.outbound().abort();
    }

    private void heartbeat() {
        dispatcher.execute(fanOut -> fanOut.heartbeat(HEARTBEAT));
    }

    private void cutOffStalled() {
        long now = System.nanoTime();
        dispatcher.execute(fanOut -> fanOut.cutOffStalled(now, STALL_LIMIT.toNanos()));
    }

    private void cutOff(Subscriber subscriber) {
        if (leave(subscriber, LeaveReason.TOO_SLOW, reconnectNotice("too slow"), true)) {
            metrics.cutOffSlow();
        }
    }

    /**
     * Removes the subscriber and ends its stream; false when it had already left. The notice goes
     * out as soon as the socket takes it; a stream that still has not ended after
     * {@link #STALL_LIMIT} is closed.
     *
     * @param notice     sent before the response ends, or null
     * @param dropQueued whether what is still queued is dropped (the subscriber will replay it)
     */
    private boolean leave(Subscriber subscriber, LeaveReason reason, Frame notice, boolean dropQueued) {
        if (!subscriber.markLeft()) {
            return false;
        }
        subscribers.decrementAndGet();
        observer.left(subscriber.id());
        dispatcher.execute(fanOut -> fanOut.remove(subscriber));
        Outbound outbound = subscriber.outbound();
        outbound.end(notice, dropQueued);
        if (!outbound.isFinished()) {
            try {
                // A client that stopped reading never takes the rest: its connection is closed in the end.
                scheduler.schedule(outbound::abort, STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The hub has stopped, and with it the server that holds the connection.
            }
        }
        // A drain closes every stream; its start and end are logged once each instead.
        Level level = reason == LeaveReason.CLIENT_GONE || reason == LeaveReason.SHUTDOWN ? Level.FINE : Level.INFO;
        LOG.log(level, () -> "event=subscriber_left subscriber=" + subscriber.serial() + " reason=" + reason.label());
        return true;
    }

    /**
     * A hub notice that tells the client when to come back before the hub ends its stream. It is a
     * typed event without id, so browsers do not dispatch it to {@code onmessage} and their
     * {@code Last-Event-ID} stays on the last real update.
     */
    private static Frame reconnectNotice(String reason) {
        long retry = RECONNECT_MILLIS + ThreadLocalRandom.current().nextLong(RECONNECT_MILLIS);
        return Frame.data("ssehub-reconnect", null, retry, reason);
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
     * Drains the hub: refuses new subscribers at once, then ends the open streams one by one at
     * random moments spread over the drain window, each after a notice with a jittered
     * {@code retry}, so their reconnects are spread too and a restart causes no storm. Publishing
     * and fan-out go on meanwhile. Then the dispatcher stops and the log is closed, which flushes
     * it. Bounded by the window plus {@link #CLOSE_GRACE}: a stream still open by then is closed.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        draining = true;
        List<Subscriber> members = membersAtDrainStart();
        LOG.info("event=drain_started subscribers=" + members.size() + " window_ms=" + drain.toMillis());
        List<CompletableFuture<Void>> ends = new ArrayList<>(members.size());
        for (Subscriber member : members) {
            long at = drain.isZero() ? 0 : ThreadLocalRandom.current().nextLong(drain.toMillis());
            scheduler.schedule(() -> leave(member, LeaveReason.SHUTDOWN, reconnectNotice("hub restarting"), false), at, TimeUnit.MILLISECONDS);
            ends.add(member.finished());
        }
        awaitFinished(ends, drain.plus(CLOSE_GRACE));
        long stillOpen = 0;
        for (Subscriber member : members) {
            if (!member.finished().isDone()) {
                stillOpen++;
                member.outbound().abort();
            }
        }
        scheduler.shutdownNow();
        dispatcher.close();
        writers.close();
        log.close();
        metrics.close();
        LOG.info("event=drain_finished closed=" + (members.size() - stillOpen) + " still_open=" + stillOpen
                + " elapsed_ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private List<Subscriber> membersAtDrainStart() {
        try {
            return dispatcher.call(FanOut::members).get(DISPATCHER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("event=drain_incomplete error=" + e);
        }
        return List.of();
    }

    /** Waits until every stream is over or the time is up. */
    private static void awaitFinished(List<CompletableFuture<Void>> ends, Duration limit) {
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Counted by the caller: the streams still open are closed, not waited for.
        }
    }
}
