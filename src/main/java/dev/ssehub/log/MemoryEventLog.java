package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The embedded default: the newest updates in memory, lost on restart. One lock orders appends and
 * hands each update to the follower inside it, so the follower sees position order.
 */
public final class MemoryEventLog implements EventLog {

    private final RetainedHistory history;
    private final Clock clock;
    private long newest;
    private Consumer<LoggedUpdate> follower = update -> { };

    public MemoryEventLog(int maxCount, Duration maxAge) {
        this(maxCount, maxAge, Clock.systemUTC());
    }

    MemoryEventLog(int maxCount, Duration maxAge, Clock clock) {
        this.history = new RetainedHistory(maxCount, maxAge, clock);
        this.clock = clock;
    }

    @Override
    public synchronized LoggedUpdate append(Update update) {
        LoggedUpdate existing = history.byId(update.id());
        if (existing != null) {
            if (!existing.update().equals(update)) {
                throw new DuplicateIdException(update.id());
            }
            return existing;
        }
        LoggedUpdate logged = new LoggedUpdate(++newest, update);
        history.add(logged, clock.millis());
        follower.accept(logged);
        return logged;
    }

    @Override
    public synchronized long follow(Consumer<LoggedUpdate> listener) {
        this.follower = listener;
        return newest;
    }

    @Override
    public synchronized History after(String lastEventId, long through) {
        return history.after(lastEventId, through);
    }

    @Override
    public void close() {
        // Nothing to release: the history lives and dies with the process.
    }
}
