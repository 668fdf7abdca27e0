package dev.ssehub.hub;

import dev.ssehub.log.History;
import dev.ssehub.stream.StreamHead;
import java.util.Optional;

/**
 * A subscriber that has its place in the order and its history, but has written nothing yet: the
 * caller decides the response headers with it, then {@link #start starts} the stream.
 */
public final class Subscription {

    private final Hub hub;
    private final Subscriber subscriber;
    private final History history;
    private final long joinedAt;

    Subscription(Hub hub, Subscriber subscriber, History history, long joinedAt) {
        this.hub = hub;
        this.subscriber = subscriber;
        this.history = history;
        this.joinedAt = joinedAt;
    }

    /** The {@code Last-Event-ID} response header, when the request asked to resume. */
    public Optional<String> precedingEventId() {
        return Optional.ofNullable(history).map(History::precedingId);
    }

    /** Writes the head and the opening comment, replays the history, then goes live. */
    public void start(StreamHead head) {
        hub.start(subscriber, history, joinedAt, head);
    }

    /** The stream could not be started: the subscriber leaves at once. */
    public void abandon() {
        hub.abandon(subscriber);
    }
}
