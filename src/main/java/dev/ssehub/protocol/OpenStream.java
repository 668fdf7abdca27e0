package dev.ssehub.protocol;

import dev.ssehub.hub.Subscription;
import dev.ssehub.stream.StreamHead;

/**
 * An accepted subscription whose stream has not begun: the adapter prepares the response, then
 * starts it, or abandons it if it cannot.
 *
 * @param head the response headers the stream goes out with
 */
public record OpenStream(Subscription subscription, StreamHead head) {

    /** Writes the head, the opening comment, the replay and what followed, the first write on this thread. */
    public void start() {
        subscription.start(head);
    }

    /** The adapter could not start the stream: the subscriber leaves and the connection is closed. */
    public void abandon() {
        subscription.abandon();
    }
}
