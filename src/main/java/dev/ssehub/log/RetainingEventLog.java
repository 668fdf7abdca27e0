package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.util.function.BiConsumer;

/**
 * What every log shares: the retained history, the newest position and the one follower that gets
 * each update in position order. Subclasses decide how an update becomes durable; all state here is
 * guarded by the log's own monitor.
 */
abstract class RetainingEventLog implements EventLog {

    protected final RetainedHistory history;
    private long newest;
    /** Read without the monitor, so asking for it never waits behind an append that is syncing to disk. */
    private volatile String newestId = History.EARLIEST;
    private LogFollower follower = new LogFollower() {
        @Override
        public void startAfter(long position) {
        }

        @Override
        public void appended(LoggedUpdate logged) {
        }
    };

    RetainingEventLog(RetainedHistory history) {
        this.history = history;
    }

    @Override
    public final synchronized void follow(LogFollower next) {
        next.startAfter(newest);
        this.follower = next;
    }

    @Override
    public final synchronized History after(String lastEventId, long through) {
        return history.after(lastEventId, through);
    }

    @Override
    public final String newestId() {
        return newestId;
    }

    @Override
    public final synchronized int retainedCount() {
        return history.size();
    }

    /** The position of the newest update; call with the monitor held. */
    protected final long newest() {
        return newest;
    }

    /** Positions continue after this one (a log whose oldest records are gone); call before any {@link #record}. */
    protected final void continueAfter(long position) {
        newest = position;
    }

    /**
     * Gives a new update the next position, has it made durable, then keeps and follows it; an id
     * already kept is answered with the kept update, so a retried publication is logged once.
     */
    protected final synchronized LoggedUpdate appendInOrder(Update update, long appendedAtMillis, BiConsumer<LoggedUpdate, Long> persist) {
        LoggedUpdate existing = history.alreadyLogged(update);
        if (existing != null) {
            return existing.asDuplicate();
        }
        LoggedUpdate logged = new LoggedUpdate(newest + 1, update);
        persist.accept(logged, appendedAtMillis);
        record(logged, appendedAtMillis);
        return logged;
    }

    /** Keeps the update and hands it to the follower; call with the monitor held, in position order. */
    protected final void record(LoggedUpdate logged, long appendedAtMillis) {
        newest = logged.position();
        newestId = logged.update().id();
        history.add(logged, appendedAtMillis);
        follower.appended(logged);
    }
}
