package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded default: a bounded ring of the newest updates, lost on restart. One lock orders
 * appends and hands each update to the follower inside it, so the follower sees position order.
 */
public final class MemoryEventLog implements EventLog {

    private final LoggedUpdate[] ring;
    private final Map<String, LoggedUpdate> byId;
    private long newest;
    private Consumer<LoggedUpdate> follower = update -> { };

    public MemoryEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new LoggedUpdate[capacity];
        this.byId = new HashMap<>(Math.min(capacity, 1 << 16) * 2);
    }

    @Override
    public synchronized LoggedUpdate append(Update update) {
        LoggedUpdate existing = byId.get(update.id());
        if (existing != null) {
            if (!existing.update().equals(update)) {
                throw new DuplicateIdException(update.id());
            }
            return existing;
        }
        LoggedUpdate logged = new LoggedUpdate(++newest, update);
        int slot = slot(logged.position());
        LoggedUpdate evicted = ring[slot];
        if (evicted != null) {
            byId.remove(evicted.update().id());
        }
        ring[slot] = logged;
        byId.put(update.id(), logged);
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
        long oldest = Math.max(1, newest - ring.length + 1);
        long last = Math.min(through, newest);
        LoggedUpdate known = History.EARLIEST.equals(lastEventId) ? null : byId.get(lastEventId);
        long first = known == null ? oldest : known.position() + 1;
        String precedingId = known == null ? History.EARLIEST : lastEventId;
        List<LoggedUpdate> updates = new ArrayList<>((int) Math.max(0, last - first + 1));
        for (long position = first; position <= last; position++) {
            updates.add(ring[slot(position)]);
        }
        return new History(precedingId, known == null ? 0 : known.position(), updates);
    }

    @Override
    public void close() {
        // Nothing to release: the ring lives and dies with the process.
    }

    private int slot(long position) {
        return (int) (position % ring.length);
    }
}
