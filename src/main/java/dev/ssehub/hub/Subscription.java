package dev.ssehub.hub;

import dev.ssehub.log.History;
import java.util.Optional;

/**
 * A subscriber that has its place in the order and its history, but has written nothing yet: the
 * caller sets response headers from it, then {@link #start() starts} the stream.
 */
public final class Subscription {

    private final Hub hub;
    private final Subscriber subscriber;
    private final History history;

    Subscription(Hub hub, Subscriber subscriber, History history) {
        this.hub = hub;
        this.subscriber = subscriber;
        this.history = history;
    }

    /** The {@code Last-Event-ID} response header, when the request asked to resume. */
    public Optional<String> precedingEventId() {
        return Optional.ofNullable(history).map(History::precedingId);
    }

    /** Writes the first comment, replays history, then switches to live delivery. */
    public void start() {
        hub.start(subscriber, history);
    }
}
