package dev.ssehub.hub;

/** The hub is shutting down and takes no new subscribers. */
public final class HubClosedException extends RuntimeException {

    public HubClosedException() {
        super("the hub is shutting down");
    }
}
