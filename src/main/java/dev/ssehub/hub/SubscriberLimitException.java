package dev.ssehub.hub;

/** The hub already serves as many subscribers as it may: the client should come back later. */
public final class SubscriberLimitException extends RuntimeException {

    public SubscriberLimitException(int limit) {
        super("the hub serves its maximum of " + limit + " subscribers; try again later");
    }
}
