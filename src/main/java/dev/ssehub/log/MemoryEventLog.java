package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.time.Clock;
import java.time.Duration;

/**
 * The embedded default: the newest updates in memory, lost on restart. One lock orders appends and
 * hands each update to the follower inside it, so the follower sees position order.
 */
public final class MemoryEventLog extends RetainingEventLog {

    private final Clock clock;

    public MemoryEventLog(int maxCount, Duration maxAge) {
        this(maxCount, maxAge, Clock.systemUTC());
    }

    MemoryEventLog(int maxCount, Duration maxAge, Clock clock) {
        super(new RetainedHistory(maxCount, maxAge, clock));
        this.clock = clock;
    }

    @Override
    public synchronized LoggedUpdate append(Update update) {
        LoggedUpdate existing = history.alreadyLogged(update);
        if (existing != null) {
            return existing;
        }
        LoggedUpdate logged = new LoggedUpdate(newest() + 1, update);
        record(logged, clock.millis());
        return logged;
    }

    @Override
    public void close() {
        // Nothing to release: the history lives and dies with the process.
    }
}
