package dev.ssehub.stream;

/**
 * One response's byte stream, as a runtime adapter exposes it: the only thing the hub asks of a
 * runtime to serve events. An adapter moves bytes and reports writability and closes; it knows
 * nothing of updates, subscribers or the protocol. No method may block.
 *
 * <p>The hub calls {@link #start} once, then {@link #write} with at most one write outstanding (the
 * next comes after {@link StreamEvents#writable()}), then {@link #end} or {@link #abort}. The first
 * write comes from the thread that called {@code start}, later ones from the hub's writer threads.
 */
public interface StreamChannel {

    /** Takes the response headers, to go out before the first bytes, and where to report back. */
    void start(StreamHead head, StreamEvents events);

    /** Writes the frames in order as one write; reports {@link StreamEvents#writable()} when done. */
    void write(WriteBatch batch);

    /** Ends the response properly once the last write is done: its last chunk, or the async request completed. */
    void end();

    /** Closes the connection now, whatever is in flight. */
    void abort();
}
