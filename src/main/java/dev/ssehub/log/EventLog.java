package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.util.OptionalLong;

/**
 * The transport: one total order of updates, appended by publishers, tailed by the dispatcher and
 * replayed to subscribers that reconnect. {@link EventLogs} opens the one a URL names.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends an update and returns it with its position. An update whose id is already in the log
     * is not appended again: the logged one is returned, so a publisher may safely retry.
     *
     * @throws DuplicateIdException when the id is in the log with different content
     */
    LoggedUpdate append(Update update);

    /**
     * Tells the follower where the log stands now, then sends it every update appended from now on,
     * in position order, one at a time: both under the log's own order, so no update can come
     * between the two.
     */
    void follow(LogFollower follower);

    /**
     * The retained updates after the one with the given id, up to and including {@code through}.
     * {@code earliest}, or an id the log does not hold (never had, or no longer has), replays from
     * the oldest retained update, and the result says so: the spec's rule, never a silent gap.
     */
    History after(String lastEventId, long through);

    /**
     * The id of the newest update this hub has logged, or {@code earliest} when there is none yet:
     * a client that resumes after it misses nothing appended later.
     */
    String newestId();

    /** How many updates the log keeps for replay now, within its size and age bounds. */
    int retainedCount();

    /** The bytes the log keeps on disk; empty for a log that keeps none here. */
    default OptionalLong storedBytes() {
        return OptionalLong.empty();
    }

    /** False while the log cannot take updates (its store is unreachable). */
    default boolean isReady() {
        return true;
    }

    @Override
    void close();
}
