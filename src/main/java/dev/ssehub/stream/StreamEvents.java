package dev.ssehub.stream;

/** What an adapter reports about its stream, from whichever thread it learns it on. */
public interface StreamEvents {

    /** The previous write has gone to the socket: the channel takes the next one. */
    void writable();

    /** The connection is gone (the client left, or a write failed): nothing more will be written. */
    void closed();
}
