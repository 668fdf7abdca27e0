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
    public LoggedUpdate append(Update update) {
        return appendInOrder(update, clock.millis(), (logged, appendedAt) -> { });
    }

    @Override
    public void close() {
        // Nothing to release: the history lives and dies with the process.
    }
}
