package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The updates a log keeps for reconnecting subscribers: the newest ones, bounded by count and by
 * age, findable by id. Not thread-safe: each log guards it with its own lock.
 */
final class RetainedHistory {

    private final int maxCount;
    private final Duration maxAge;
    private final Clock clock;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, LoggedUpdate> byId = new HashMap<>();

    private record Entry(LoggedUpdate logged, long appendedAtMillis) {
    }

    RetainedHistory(int maxCount, Duration maxAge, Clock clock) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("the history must keep at least one update");
        }
        this.maxCount = maxCount;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    LoggedUpdate byId(String id) {
        return byId.get(id);
    }

    /**
     * The kept update with this one's id, so a retried publication is not logged twice; null when
     * the id is new.
     *
     * @throws DuplicateIdException when the id is kept for different content
     */
    LoggedUpdate alreadyLogged(Update update) {
        LoggedUpdate existing = byId.get(update.id());
        if (existing != null && !existing.update().equals(update)) {
            throw new DuplicateIdException(update.id());
        }
        return existing;
    }

    void add(LoggedUpdate logged, long appendedAtMillis) {
        entries.addLast(new Entry(logged, appendedAtMillis));
        byId.put(logged.update().id(), logged);
        while (entries.size() > maxCount) {
            evictOldest();
        }
        evictExpired();
    }

    int size() {
        evictExpired();
        return entries.size();
    }

    /** The position of the oldest kept update, or the next position when none is kept. */
    long oldestPosition(long newest) {
        evictExpired();
        return entries.isEmpty() ? newest + 1 : entries.peekFirst().logged().position();
    }

    History after(String lastEventId, long through) {
        evictExpired();
        LoggedUpdate known = History.EARLIEST.equals(lastEventId) ? null : byId.get(lastEventId);
        long after = known == null ? 0 : known.position();
        List<LoggedUpdate> updates = new ArrayList<>();
        for (Entry entry : entries) {
            long position = entry.logged().position();
            if (position > through) {
                break;
            }
            if (position > after) {
                updates.add(entry.logged());
            }
        }
        return new History(known == null ? History.EARLIEST : lastEventId, after, updates);
    }

    private void evictExpired() {
        long oldestAllowed = clock.millis() - maxAge.toMillis();
        Iterator<Entry> oldestFirst = entries.iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().appendedAtMillis() < oldestAllowed) {
            evictOldest();
            oldestFirst = entries.iterator();
        }
    }

    private void evictOldest() {
        Entry evicted = entries.removeFirst();
        byId.remove(evicted.logged().update().id(), evicted.logged());
    }
}
